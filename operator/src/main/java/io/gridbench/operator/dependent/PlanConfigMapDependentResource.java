package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.operator.observe.SweepObservation;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Set;

/**
 * The sweep's plan ConfigMap ({@code <sweep>.plan}): the plan of the reconcile's {@link
 * SweepObservation}, frozen when the sweep starts, which the Jobs mount. Created once and never
 * updated (it is immutable), so a spec edited mid-run cannot reach the Jobs still to come. Kept
 * after the sweep with {@code spec.retainResults}, since {@code gridbench fetch} reads the spec
 * that was measured from it.
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
    SweepPlan plan =
        context
            .managedWorkflowAndDependentResourceContext()
            .getMandatory(SweepObservation.CONTEXT_KEY, SweepObservation.class)
            .plan()
            .orElseThrow();
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(ChildNames.planConfigMap(name))
            .withNamespace(sweep.getMetadata().getNamespace())
            .withLabels(Labels.of(name, Labels.PLAN, null))
            .endMetadata()
            .withImmutable(true)
            .addToData(ResultsConfigMaps.PLAN_KEY, plan.toJson())
            .build();
    return RetainedResults.ownedOrRetained(cm, sweep, plan.spec());
  }

  @Override
  protected ResourceID targetSecondaryResourceID(
      BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
    return new ResourceID(
        ChildNames.planConfigMap(sweep.getMetadata().getName()),
        sweep.getMetadata().getNamespace());
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
