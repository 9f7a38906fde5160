package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The RayCluster of a sweep with Ray strategies. {@code phase} is the operator's record: once
 * {@code Unavailable}, the Ray strategies stay failed and no cluster is created again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "phase", "reason", "message"})
public class RayClusterStatus {

  @JsonPropertyDescription("The ray.io/v1 RayCluster of this sweep.")
  private String name;

  @JsonPropertyDescription("Waiting, Ready, Unavailable (for good) or Released.")
  private RayClusterPhase phase;

  @JsonPropertyDescription("CamelCase reason of the phase.")
  private String reason;

  @JsonPropertyDescription("What the operator saw, in a sentence.")
  private String message;

  public RayClusterStatus() {}

  public RayClusterStatus(String name, RayClusterPhase phase, String reason, String message) {
    this.name = name;
    this.phase = phase;
    this.reason = reason;
    this.message = message;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public RayClusterPhase getPhase() {
    return phase;
  }

  public void setPhase(RayClusterPhase phase) {
    this.phase = phase;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RayClusterStatus s
        && Objects.equals(name, s.name)
        && phase == s.phase
        && Objects.equals(reason, s.reason)
        && Objects.equals(message, s.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, phase, reason);
  }
}
