package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.RayClusterPhase;
import io.gridbench.api.v1alpha1.RayClusterStatus;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.operator.observe.JobOutcome;
import io.gridbench.operator.observe.RayClusterState;
import io.gridbench.operator.observe.RayClusterState.Phase;
import io.gridbench.operator.observe.SweepObservation;
import io.gridbench.operator.status.Reasons;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a sweep's RayCluster where its Ray strategies need it: created when the sweep has Ray
 * strategies, waited for until ready or the timeout, deleted once the Ray strategies finished
 * (unless {@code spec.ray.keepCluster}). A step run by the reconciler rather than a JOSDK dependent
 * because the RayCluster kind may not exist at all: an informer on a missing CRD would keep the
 * operator from starting, and a sweep without KubeRay must still run its other strategies. The
 * cluster is read directly; the reconciler polls while waiting.
 */
public final class RayClusterStep {

  static final String KUBERAY_CHART =
      "KubeRay is not installed: this cluster has no rayclusters.ray.io (ray.io/v1) resource. Install"
          + " its operator with Helm (helm repo add kuberay https://ray-project.github.io/kuberay-helm/;"
          + " helm install kuberay-operator kuberay/kuberay-operator), then create the sweep again;"
          + " the Ray strategies of this sweep fail.";

  private final RayClusterTemplate template;
  private final Clock clock;

  public RayClusterStep(RayClusterTemplate template, Clock clock) {
    this.template = template;
    this.clock = clock;
  }

  /** Creates, waits for or deletes the RayCluster of the observed sweep. */
  public RayClusterState reconcile(SweepObservation observed, KubernetesClient k8s) {
    BenchmarkSweep sweep = observed.sweep();
    BenchmarkSweepSpec spec = observed.spec();
    Map<String, JobOutcome> jobs = observed.jobs();
    if (!spec.hasRayStrategies()) {
      return RayClusterState.NOT_NEEDED;
    }
    String name = ChildNames.rayCluster(sweep.getMetadata().getName());
    RaySpec ray = spec.effectiveRay();
    // Once the Ray strategies failed for want of a cluster, they stay failed: status is the record.
    Optional<RayClusterState> failed = recordedFailure(sweep, name);
    if (failed.isPresent()) {
      release(k8s, sweep, ray);
      return failed.get();
    }
    if (rayStrategiesFinished(spec, jobs)) {
      release(k8s, sweep, ray);
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
    if (!k8s.supports(RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND)) {
      return new RayClusterState(
          Phase.UNAVAILABLE, name, Reasons.KUBERAY_NOT_INSTALLED, KUBERAY_CHART);
    }
    GenericKubernetesResource cluster = resource(k8s, sweep).get();
    if (cluster == null) {
      GenericKubernetesResource desired =
          template.rayCluster(
              sweep.getMetadata().getName(), sweep.getMetadata().getNamespace(), spec);
      desired
          .getMetadata()
          .setOwnerReferences(
              List.of(
                  new OwnerReferenceBuilder()
                      .withApiVersion(sweep.getApiVersion())
                      .withKind(sweep.getKind())
                      .withName(sweep.getMetadata().getName())
                      .withUid(sweep.getMetadata().getUid())
                      .withController(true)
                      .build()));
      k8s.resource(desired).create();
      return waiting(name, ray, Duration.ZERO);
    }
    if (RayClusterReadiness.isReady(cluster)) {
      return new RayClusterState(
          Phase.READY, name, Reasons.RAY_CLUSTER_READY, "RayCluster " + name + " is ready.");
    }
    Duration waited =
        Duration.between(
            OffsetDateTime.parse(cluster.getMetadata().getCreationTimestamp()).toInstant(),
            clock.instant());
    if (waited.getSeconds() >= ray.effectiveReadinessTimeoutSeconds()) {
      String why = RayClusterReadiness.describe(cluster);
      release(k8s, sweep, ray);
      return new RayClusterState(
          Phase.UNAVAILABLE,
          name,
          Reasons.RAY_CLUSTER_NOT_READY,
          "RayCluster "
              + name
              + " was not ready within "
              + ray.effectiveReadinessTimeoutSeconds()
              + "s (spec.ray.readinessTimeoutSeconds; last seen: "
              + why
              + "); the Ray strategies fail. Check its pods with kubectl describe raycluster "
              + name
              + ".");
    }
    return waiting(name, ray, waited);
  }

  private static RayClusterState waiting(String name, RaySpec ray, Duration waited) {
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

  /** The failure status recorded, typed: status is the record that keeps it failed. */
  private static Optional<RayClusterState> recordedFailure(BenchmarkSweep sweep, String name) {
    RayClusterStatus recorded =
        sweep.getStatus() == null ? null : sweep.getStatus().getRayCluster();
    if (recorded == null || recorded.getPhase() != RayClusterPhase.Unavailable) {
      return Optional.empty();
    }
    return Optional.of(
        new RayClusterState(Phase.UNAVAILABLE, name, recorded.getReason(), recorded.getMessage()));
  }

  private static void release(KubernetesClient k8s, BenchmarkSweep sweep, RaySpec ray) {
    if (ray.effectiveKeepCluster()
        || !k8s.supports(RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND)) {
      return;
    }
    resource(k8s, sweep).delete();
  }

  private static Resource<GenericKubernetesResource> resource(
      KubernetesClient k8s, BenchmarkSweep sweep) {
    return k8s.genericKubernetesResources(RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND)
        .inNamespace(sweep.getMetadata().getNamespace())
        .withName(ChildNames.rayCluster(sweep.getMetadata().getName()));
  }
}
