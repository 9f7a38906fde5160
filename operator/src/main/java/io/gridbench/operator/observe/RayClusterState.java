package io.gridbench.operator.observe;

/**
 * Where a sweep's RayCluster stands, as the reconciler found it: what the Ray strategies' Jobs wait
 * for and what the {@code RayCluster} condition says. {@code reason} and {@code message} explain
 * every phase but {@link Phase#NOT_NEEDED}.
 */
public record RayClusterState(Phase phase, String cluster, String reason, String message) {

  /** The phases of a sweep's RayCluster. */
  public enum Phase {
    /** The sweep has no Ray strategy. */
    NOT_NEEDED,
    /** Created, not ready yet: Ray strategies wait for their turn. */
    WAITING,
    /** Ready: Ray strategies may submit their drivers. */
    READY,
    /** KubeRay missing or the cluster never became ready: the Ray strategies fail. */
    UNAVAILABLE,
    /** The Ray strategies finished; the cluster was deleted, or kept on request. */
    RELEASED
  }

  public static final RayClusterState NOT_NEEDED =
      new RayClusterState(Phase.NOT_NEEDED, null, null, null);

  /** Whether a Ray strategy's Job may start now. */
  public boolean acceptsDrivers() {
    return phase == Phase.READY || phase == Phase.RELEASED;
  }
}
