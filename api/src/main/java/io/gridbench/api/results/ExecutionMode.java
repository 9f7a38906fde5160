package io.gridbench.api.results;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a strategy's figures were measured, so that laptop rows are not taken for cluster ones. */
public enum ExecutionMode {
  /** Threads or processes on this machine. */
  @JsonProperty("local")
  LOCAL,
  /** Ray's LOCAL run mode, in-process on one machine. */
  @JsonProperty("ray-local")
  RAY_LOCAL,
  /** A Ray cluster (CLUSTER run mode). */
  @JsonProperty("ray-cluster")
  RAY_CLUSTER;

  public String label() {
    return switch (this) {
      case LOCAL -> "local";
      case RAY_LOCAL -> "ray-local";
      case RAY_CLUSTER -> "ray-cluster";
    };
  }
}
