package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The order in which a strategy visits the cells of the grid. */
public enum Order {
  /** Row by row: compute ascending, then payload ascending (the seed study's order). */
  @JsonProperty("sequential")
  SEQUENTIAL,
  /** A permutation of the cells drawn from {@code spec.seed}. */
  @JsonProperty("shuffled")
  SHUFFLED,
  /** Local runs: strategies take turns cell by cell, so slow drift hits all of them alike. */
  @JsonProperty("interleaved")
  INTERLEAVED;

  /** The spelling used in manifests. */
  public String manifestName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
