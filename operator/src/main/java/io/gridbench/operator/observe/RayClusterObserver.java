package io.gridbench.operator.observe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.RayClusterPhase;
import io.gridbench.api.v1alpha1.RayClusterStatus;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.operator.dependent.RayClusterReadiness;
import io.gridbench.operator.observe.RayClusterState.Phase;
import io.gridbench.operator.status.Reasons;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Where a sweep's RayCluster stands, from what is observed: the sweep's strategies and Jobs, its
 * typed status, whether KubeRay is installed and the cluster in the informer's cache. Pure: the
 * workflow's RayCluster dependent acts on the answer (creates the cluster while it is {@link
 * Phase#WAITING} or {@link Phase#READY}, deletes it otherwise), and the status builder shows it.
 */
public final class RayClusterObserver {

  static final String KUBERAY_CHART =
      "KubeRay is not installed: this cluster has no rayclusters.ray.io (ray.io/v1) resource. Install"
          + " its operator with Helm (helm repo add kuberay https://ray-project.github.io/kuberay-helm/;"
          + " helm install kuberay-operator kuberay/kuberay-operator), then create the sweep again;"
          + " the Ray strategies of this sweep fail.";

  private RayClusterObserver() {}

  /** The RayCluster state of {@code observed} at {@code now}. */
  public static RayClusterState state(
      SweepObservation observed,
      boolean kubeRayInstalled,
      Optional<GenericKubernetesResource> cluster,
      Instant now) {
    BenchmarkSweep sweep = observed.sweep();
    BenchmarkSweepSpec spec = observed.spec();
    if (!spec.hasRayStrategies()) {
      return RayClusterState.NOT_NEEDED;
    }
    String name = ChildNames.rayCluster(sweep.getMetadata().getName());
    RaySpec ray = spec.effectiveRay();
    // Once the Ray strategies failed for want of a cluster, they stay failed: the typed status
    // field is the record (the workflow then deletes the cluster, unless kept).
    Optional<RayClusterState> failed = recordedFailure(sweep, name);
    if (failed.isPresent()) {
      return failed.get();
    }
    if (rayStrategiesFinished(spec, observed.jobs())) {
      return ray.effectiveKeepCluster()
          ? new RayClusterState(
              Phase.RELEASED,
              name,
              Reasons.RAY_CLUSTER_KEPT,
              "The Ray strategies finished; RayCluster "
                  + name
                  + " is kept (spec.ray.keepCluster).")
          : new RayClusterState(
              Phase.RELEASED,
              name,
              Reasons.RAY_CLUSTER_DELETED,
              "The Ray strategies finished; RayCluster " + name + " was deleted.");
    }
    if (!kubeRayInstalled) {
      return new RayClusterState(
          Phase.UNAVAILABLE, name, Reasons.KUBERAY_NOT_INSTALLED, KUBERAY_CHART);
    }
    if (cluster.isEmpty()) {
      return waiting(name, ray);
    }
    if (RayClusterReadiness.isReady(cluster.get())) {
      return new RayClusterState(
          Phase.READY, name, Reasons.RAY_CLUSTER_READY, "RayCluster " + name + " is ready.");
    }
    Duration waited =
        Duration.between(
            OffsetDateTime.parse(cluster.get().getMetadata().getCreationTimestamp()).toInstant(),
            now);
    if (waited.getSeconds() >= ray.effectiveReadinessTimeoutSeconds()) {
      return new RayClusterState(
          Phase.UNAVAILABLE,
          name,
          Reasons.RAY_CLUSTER_NOT_READY,
          "RayCluster "
              + name
              + " was not ready within "
              + ray.effectiveReadinessTimeoutSeconds()
              + "s (spec.ray.readinessTimeoutSeconds; last seen: "
              + RayClusterReadiness.describe(cluster.get())
              + "); the Ray strategies fail. Check its pods with kubectl describe raycluster "
              + name
              + ".");
    }
    return waiting(name, ray);
  }

  private static RayClusterState waiting(String name, RaySpec ray) {
    return new RayClusterState(
        Phase.WAITING,
        name,
        Reasons.WAITING_FOR_RAY_CLUSTER,
        "Waiting for RayCluster "
            + name
            + " to be ready (at most "
            + ray.effectiveReadinessTimeoutSeconds()
            + "s).");
  }

  /** Whether every Ray strategy has a finished Job. */
  static boolean rayStrategiesFinished(BenchmarkSweepSpec spec, Map<String, JobOutcome> jobs) {
    for (StrategySpec s : spec.getStrategies()) {
      if (s.getType().isRay()) {
        JobOutcome job = jobs.get(s.getName());
        if (job == null || !job.finished()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The failure recorded in the typed status field. */
  private static Optional<RayClusterState> recordedFailure(BenchmarkSweep sweep, String name) {
    RayClusterStatus recorded =
        sweep.getStatus() == null ? null : sweep.getStatus().getRayCluster();
    if (recorded == null || recorded.getPhase() != RayClusterPhase.Unavailable) {
      return Optional.empty();
    }
    return Optional.of(
        new RayClusterState(Phase.UNAVAILABLE, name, recorded.getReason(), recorded.getMessage()));
  }
}
