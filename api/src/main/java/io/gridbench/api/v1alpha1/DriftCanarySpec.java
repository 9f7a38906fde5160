package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The drift canary: a reference cell re-measured every few cells to catch a drifting machine. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftCanarySpec {
  public static final int DEFAULT_EVERY_CELLS = 10;
  public static final double DEFAULT_THRESHOLD = 0.05;
  public static final int DEFAULT_REPETITIONS = 3;

  @JsonPropertyDescription("Whether the canary runs (default true).")
  private Boolean enabled;

  @JsonPropertyDescription("Re-measure the canary after this many cells (default 10).")
  private Integer everyCells;

  @JsonPropertyDescription("Canary compute; default: the middle value of the compute axis.")
  private Long compute;

  @JsonPropertyDescription("Canary payload bytes; default: the smallest payload of the grid.")
  private Long payloadBytes;

  @JsonPropertyDescription("Relative drift above which results are flagged (default 0.05).")
  private Double threshold;

  @JsonPropertyDescription("Samples per canary measurement; their median counts (default 3).")
  private Integer repetitions;

  public boolean active() {
    return enabled == null || enabled;
  }

  public int effectiveEveryCells() {
    return everyCells == null ? DEFAULT_EVERY_CELLS : everyCells;
  }

  public double effectiveThreshold() {
    return threshold == null ? DEFAULT_THRESHOLD : threshold;
  }

  public int effectiveRepetitions() {
    return repetitions == null ? DEFAULT_REPETITIONS : repetitions;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getEveryCells() {
    return everyCells;
  }

  public void setEveryCells(Integer everyCells) {
    this.everyCells = everyCells;
  }

  public Long getCompute() {
    return compute;
  }

  public void setCompute(Long compute) {
    this.compute = compute;
  }

  public Long getPayloadBytes() {
    return payloadBytes;
  }

  public void setPayloadBytes(Long payloadBytes) {
    this.payloadBytes = payloadBytes;
  }

  public Double getThreshold() {
    return threshold;
  }

  public void setThreshold(Double threshold) {
    this.threshold = threshold;
  }

  public Integer getRepetitions() {
    return repetitions;
  }

  public void setRepetitions(Integer repetitions) {
    this.repetitions = repetitions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftCanarySpec d
        && Objects.equals(enabled, d.enabled)
        && Objects.equals(everyCells, d.everyCells)
        && Objects.equals(compute, d.compute)
        && Objects.equals(payloadBytes, d.payloadBytes)
        && Objects.equals(threshold, d.threshold)
        && Objects.equals(repetitions, d.repetitions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, everyCells, compute, payloadBytes, threshold, repetitions);
  }
}
