package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The RayCluster's activation condition: the cluster serves {@code rayclusters.ray.io/v1}. Asked
 * through API discovery, which every authenticated user may read, rather than by reading the CRD
 * object as JOSDK's {@code CRDPresentActivationCondition} does: that needs a cluster-wide {@code
 * get customresourcedefinitions} the chart does not grant in namespaced mode. The answer is the
 * cluster's, not a sweep's (JOSDK stops the shared informer when it is false), and is kept per
 * operator: once present it stays so; absent, it is asked again after {@link #RECHECK}, so KubeRay
 * installed later is found without a restart.
 */
public class KubeRayInstalledCondition implements Condition<RayCluster, BenchmarkSweep> {

  static final Duration RECHECK = Duration.ofSeconds(30);

  private final Clock clock;
  private Boolean installed;
  private Instant checked;

  public KubeRayInstalledCondition(Clock clock) {
    this.clock = clock;
  }

  @Override
  public boolean isMet(
      DependentResource<RayCluster, BenchmarkSweep> dependentResource,
      BenchmarkSweep sweep,
      Context<BenchmarkSweep> context) {
    return installed(context.getClient());
  }

  /** Whether KubeRay's RayCluster kind exists, asking discovery at most every {@link #RECHECK}. */
  public synchronized boolean installed(KubernetesClient client) {
    Instant now = clock.instant();
    if (installed == null || (!installed && !now.isBefore(checked.plus(RECHECK)))) {
      installed = client.supports(RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND);
      checked = now;
    }
    return installed;
  }
}
