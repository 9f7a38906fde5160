package io.gridbench.api.v1alpha1;

/** Where a sweep's RayCluster stands, as the operator last saw it. */
public enum RayClusterPhase {
  /** Created, not ready yet: the Ray strategies wait for their turn. */
  Waiting,
  /** Ready: the Ray strategies may submit their drivers. */
  Ready,
  /**
   * KubeRay is missing or the cluster was not ready in time: the Ray strategies failed for good.
   */
  Unavailable,
  /** The Ray strategies finished; the cluster was deleted, or kept on request. */
  Released
}
