package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Optional;
import java.util.Set;

/**
 * The sweep's plan ConfigMap ({@code <sweep>.plan}): the spec frozen when the sweep starts, which
 * the Jobs mount. Created once and never updated (it is immutable), so a spec edited mid-run cannot
 * reach the Jobs still to come.
 */
public class PlanConfigMapDependentResource
    extends KubernetesDependentResource<ConfigMap, BenchmarkSweep>
    implements Creator<ConfigMap, BenchmarkSweep>, SecondaryToPrimaryMapper<ConfigMap> {

  public static final String NAME = "plan";

  public PlanConfigMapDependentResource() {
    super(ConfigMap.class, NAME);
    configureWith(
        new KubernetesDependentResourceConfigBuilder<ConfigMap>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(ConfigMap.class)
                    .withLabelSelector(Labels.selector(Labels.PLAN))
                    .build())
            .build());
  }

  @Override
  protected ConfigMap desired(BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
    String name = sweep.getMetadata().getName();
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(ChildNames.planConfigMap(name))
        .withNamespace(sweep.getMetadata().getNamespace())
        .withLabels(Labels.of(name, Labels.PLAN, null))
        .endMetadata()
        .withImmutable(true)
        .addToData(ResultsConfigMaps.PLAN_KEY, SweepPlan.of(sweep).toJson())
        .build();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(
      BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
    return new ResourceID(
        ChildNames.planConfigMap(sweep.getMetadata().getName()),
        sweep.getMetadata().getNamespace());
  }

  @Override
  protected boolean addOwnerReference() {
    return true;
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(ConfigMap resource) {
    return SweepChildren.sweepOf(resource);
  }

  /** The plan {@code sweep} runs, once it started; a plan that cannot be read is an error. */
  public static Optional<SweepPlan> frozenPlan(
      BenchmarkSweep sweep, Context<BenchmarkSweep> context) throws PlanException {
    Optional<ConfigMap> cm = context.getSecondaryResource(ConfigMap.class, NAME);
    if (cm.isEmpty()) {
      return Optional.empty();
    }
    String json =
        cm.get().getData() == null ? null : cm.get().getData().get(ResultsConfigMaps.PLAN_KEY);
    if (json == null) {
      throw new PlanException(
          "ConfigMap "
              + cm.get().getMetadata().getName()
              + " has no "
              + ResultsConfigMaps.PLAN_KEY);
    }
    try {
      return Optional.of(SweepPlan.fromJson(json));
    } catch (PlanException e) {
      throw new PlanException(
          "ConfigMap " + cm.get().getMetadata().getName() + ": " + e.getMessage());
    }
  }
}
