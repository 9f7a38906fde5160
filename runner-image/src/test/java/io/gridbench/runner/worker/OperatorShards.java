package io.gridbench.runner.worker;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.BenchmarkSweep;

/** Creates empty results shards as the operator does before and while a worker runs. */
public final class OperatorShards {
  private OperatorShards() {}

  /** Shards {@code 0 .. count-1} of {@code strategy}, labelled and owned by the plan's sweep. */
  public static void create(KubernetesClient client, SweepPlan plan, String strategy, int count) {
    for (int i = 0; i < count; i++) {
      client
          .configMaps()
          .inNamespace(plan.namespace())
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(ChildNames.resultsConfigMap(plan.sweep(), strategy, i))
                  .withLabels(Labels.of(plan.sweep(), Labels.RESULTS, strategy))
                  .withOwnerReferences(
                      new OwnerReferenceBuilder()
                          .withApiVersion(BenchmarkSweep.API_VERSION)
                          .withKind(BenchmarkSweep.KIND)
                          .withName(plan.sweep())
                          .withUid(plan.sweepUid())
                          .build())
                  .endMetadata()
                  .build())
          .create();
    }
  }
}
