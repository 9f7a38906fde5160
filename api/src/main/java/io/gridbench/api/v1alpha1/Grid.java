package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** The grid: compute per task (rows) by payload bytes per task (columns). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Grid {

  /** Bytes each task returns when the manifest does not say: the 8-byte digest alone. */
  public static final long DEFAULT_RESULT_BYTES = 8;

  @Required
  @JsonPropertyDescription("Compute axis: kernel iterations per task.")
  private Axis compute;

  @Required
  @JsonPropertyDescription("Network axis: payload bytes sent to each task.")
  private Axis payloadBytes;

  @JsonPropertyDescription("Bytes each task sends back (8 to 16777216, default 8).")
  private Long resultBytes;

  public Grid() {}

  public Grid(Axis compute, Axis payloadBytes) {
    this.compute = compute;
    this.payloadBytes = payloadBytes;
  }

  /** {@link #getResultBytes()} with its default applied. */
  @JsonIgnore
  public long effectiveResultBytes() {
    return resultBytes == null ? DEFAULT_RESULT_BYTES : resultBytes;
  }

  public Axis getCompute() {
    return compute;
  }

  public void setCompute(Axis compute) {
    this.compute = compute;
  }

  public Axis getPayloadBytes() {
    return payloadBytes;
  }

  public void setPayloadBytes(Axis payloadBytes) {
    this.payloadBytes = payloadBytes;
  }

  public Long getResultBytes() {
    return resultBytes;
  }

  public void setResultBytes(Long resultBytes) {
    this.resultBytes = resultBytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Grid g
        && Objects.equals(compute, g.compute)
        && Objects.equals(payloadBytes, g.payloadBytes)
        && Objects.equals(resultBytes, g.resultBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(compute, payloadBytes, resultBytes);
  }
}
