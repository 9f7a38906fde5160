package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.operator.status.RayClusterState;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Job per strategy, created when {@link StrategyScheduler} says it is the strategy's turn.
 * Create-only: a Job's pod template is immutable, and a finished Job must stay, since it tells how
 * its strategy ended; deleting the sweep removes the Jobs through their owner references.
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
    Optional<SweepPlan> plan;
    try {
      plan = PlanConfigMapDependentResource.frozenPlan(sweep, context);
    } catch (PlanException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    if (plan.isEmpty()) {
      return Map.of();
    }
    Map<ResourceID, Job> desired = new LinkedHashMap<>();
    for (StrategySpec s :
        StrategyScheduler.toStart(
            plan.get().spec(),
            jobsByStrategy(sweep, context),
            context
                .managedWorkflowAndDependentResourceContext()
                .get(RayClusterState.CONTEXT_KEY, RayClusterState.class)
                .orElse(RayClusterState.NOT_NEEDED))) {
      Job job = template.job(plan.get(), s);
      desired.put(ResourceID.fromResource(job), job);
    }
    return desired;
  }

  /** The sweep's Jobs by strategy name, as the informer (and recent creations) know them. */
  public Map<String, Job> jobsByStrategy(BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
    Map<String, Job> jobs = new HashMap<>();
    for (Job job : getSecondaryResources(sweep, context).values()) {
      String strategy = SweepChildren.strategyOf(job);
      if (strategy != null) {
        jobs.put(strategy, job);
      }
    }
    return jobs;
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
