package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.operator.observe.JobOutcome;
import io.gridbench.operator.observe.ResultShards;
import io.gridbench.operator.observe.SweepObservation;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The results ConfigMaps the workers write into, created empty by the operator because a worker may
 * not create ConfigMaps (RBAC cannot restrict {@code create} to names): the first shard of every
 * strategy when the sweep starts, and, while a strategy runs, the shard after the last one that
 * holds a cell, so the next one is there before the worker fills the current one. Create-only: the
 * workers own the data. The informer of this dependent is also how the reconciler reads the
 * results.
 */
public class ResultShardsDependentResource
    extends KubernetesDependentResource<ConfigMap, BenchmarkSweep>
    implements Creator<ConfigMap, BenchmarkSweep>,
        KubernetesBulkDependentResource<ConfigMap, BenchmarkSweep>,
        SecondaryToPrimaryMapper<ConfigMap> {

  public static final String NAME = "results";

  public ResultShardsDependentResource() {
    super(ConfigMap.class, NAME);
    configureWith(
        new KubernetesDependentResourceConfigBuilder<ConfigMap>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(ConfigMap.class)
                    .withLabelSelector(Labels.selector(Labels.RESULTS))
                    .build())
            .build());
  }

  @Override
  public Map<ResourceID, ConfigMap> desiredResources(
      BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
    SweepObservation observed =
        context
            .managedWorkflowAndDependentResourceContext()
            .getMandatory(SweepObservation.CONTEXT_KEY, SweepObservation.class);
    Map<ResourceID, ConfigMap> desired = new LinkedHashMap<>();
    if (observed.plan().isEmpty()) {
      return desired;
    }
    SweepPlan plan = observed.plan().get();
    ResultShards shards = observed.shards();
    for (StrategySpec s : plan.spec().getStrategies()) {
      add(desired, sweep, plan, s.getName(), 0);
      JobOutcome job = observed.jobs().get(s.getName());
      int next = shards.next(s.getName());
      if (next > 0 && next < ResultsConfigMaps.MAX_SHARDS && (job == null || !job.finished())) {
        add(desired, sweep, plan, s.getName(), next);
      }
    }
    return desired;
  }

  private static void add(
      Map<ResourceID, ConfigMap> desired,
      BenchmarkSweep sweep,
      SweepPlan plan,
      String strategy,
      int shard) {
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(ChildNames.resultsConfigMap(plan.sweep(), strategy, shard))
            .withNamespace(plan.namespace())
            .withLabels(Labels.of(plan.sweep(), Labels.RESULTS, strategy))
            .endMetadata()
            .build();
    cm = RetainedResults.ownedOrRetained(cm, sweep, plan.spec());
    desired.put(ResourceID.fromResource(cm), cm);
  }

  /** Owned (garbage-collected with the sweep) unless retained: {@link RetainedResults}. */
  @Override
  protected boolean addOwnerReference() {
    return false;
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(ConfigMap resource) {
    return SweepChildren.sweepOf(resource);
  }
}
