package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a sweep's pods may run: the Kubernetes pod fields {@code nodeSelector}, {@code tolerations}
 * and {@code affinity}, applied alike to every strategy's Job pod and to the RayCluster's head and
 * worker pods, so that all strategies of one sweep are measured on the same kind of node.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"nodeSelector", "tolerations", "affinity"})
public class PlacementSpec {

  @JsonPropertyDescription(
      "Node labels every pod of the sweep requires (the pod field nodeSelector), e.g."
          + " {kubernetes.io/arch: amd64}.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Taints every pod of the sweep tolerates (the pod field tolerations).")
  private List<Toleration> tolerations;

  @JsonPropertyDescription(
      "Node and pod (anti-)affinity of every pod of the sweep (the pod field affinity).")
  private Affinity affinity;

  /** Whether this asks for nothing. */
  @JsonIgnore
  public boolean isEmpty() {
    return (nodeSelector == null || nodeSelector.isEmpty())
        && (tolerations == null || tolerations.isEmpty())
        && affinity == null;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlacementSpec p
        && Objects.equals(nodeSelector, p.nodeSelector)
        && Objects.equals(tolerations, p.tolerations)
        && Objects.equals(affinity, p.affinity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nodeSelector, tolerations, affinity);
  }
}
