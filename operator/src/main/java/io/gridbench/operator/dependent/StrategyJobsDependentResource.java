package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.StrategySpec;
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
 * One Job per strategy, created when the reconcile's {@link SweepObservation} says it is the
 * strategy's turn ({@link StrategyScheduler}). Create-only: a Job's pod template is immutable, and
 * a finished Job must stay, since it tells how its strategy ended; deleting the sweep removes the
 * Jobs through their owner references.
 */
public class StrategyJobsDependentResource extends KubernetesDependentResource<Job, BenchmarkSweep>
    implements Creator<Job, BenchmarkSweep>,
        KubernetesBulkDependentResource<Job, BenchmarkSweep>,
        SecondaryToPrimaryMapper<Job> {

  public static final String NAME = "jobs";

  private final JobTemplate template;

  public StrategyJobsDependentResource(JobTemplate template) {
    super(Job.class, NAME);
    this.template = template;
    configureWith(
        new KubernetesDependentResourceConfigBuilder<Job>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(Job.class)
                    .withLabelSelector(Labels.selector(Labels.WORKER))
                    .build())
            .build());
  }

  @Override
  public Map<ResourceID, Job> desiredResources(
      BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
    SweepObservation observed =
        context
            .managedWorkflowAndDependentResourceContext()
            .getMandatory(SweepObservation.CONTEXT_KEY, SweepObservation.class);
    Map<ResourceID, Job> desired = new LinkedHashMap<>();
    if (observed.plan().isEmpty()) {
      return desired;
    }
    SweepPlan plan = observed.plan().get();
    for (StrategySpec s : observed.toStart()) {
      Job job = template.job(plan, s);
      desired.put(ResourceID.fromResource(job), job);
    }
    return desired;
  }

  @Override
  protected boolean addOwnerReference() {
    return true;
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(Job resource) {
    return SweepChildren.sweepOf(resource);
  }
}
