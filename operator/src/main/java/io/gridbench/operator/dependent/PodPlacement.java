package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gridbench.api.v1alpha1.PlacementSpec;

/**
 * Puts a sweep's {@code spec.placement} on a pod: the one place every pod the operator creates for
 * a sweep (strategy Jobs, Ray submit Jobs, Ray head and workers) gets its node selector,
 * tolerations and affinity, so all of them land on the same kind of node.
 */
final class PodPlacement {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private PodPlacement() {}

  /** {@code pod} with {@code placement}'s fields; an absent or empty placement changes nothing. */
  static PodSpec apply(PlacementSpec placement, PodSpec pod) {
    if (placement == null || placement.isEmpty()) {
      return pod;
    }
    PodSpecBuilder placed = new PodSpecBuilder(pod);
    if (placement.getNodeSelector() != null && !placement.getNodeSelector().isEmpty()) {
      placed.withNodeSelector(placement.getNodeSelector());
    }
    if (placement.getTolerations() != null && !placement.getTolerations().isEmpty()) {
      // Copies: the pod must not share mutable model objects with the sweep's spec.
      placed.withTolerations(placement.getTolerations().stream().map(JSON::clone).toList());
    }
    if (placement.getAffinity() != null) {
      placed.withAffinity(JSON.clone(placement.getAffinity()));
    }
    return placed.build();
  }
}
