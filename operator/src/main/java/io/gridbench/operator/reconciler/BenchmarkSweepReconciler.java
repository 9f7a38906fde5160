package io.gridbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.dependent.JobTemplate;
import io.gridbench.operator.dependent.KubeRayInstalledCondition;
import io.gridbench.operator.dependent.PlanConfigMapDependentResource;
import io.gridbench.operator.dependent.RayClusterDependentResource;
import io.gridbench.operator.dependent.RayClusterNeededCondition;
import io.gridbench.operator.dependent.RayClusterTemplate;
import io.gridbench.operator.dependent.ResultShardsDependentResource;
import io.gridbench.operator.dependent.StrategyJobsDependentResource;
import io.gridbench.operator.dependent.SweepChildren;
import io.gridbench.operator.dependent.WorkerAccessDependents;
import io.gridbench.operator.metrics.SweepMetrics;
import io.gridbench.operator.observe.RayClusterObserver;
import io.gridbench.operator.observe.RayClusterState;
import io.gridbench.operator.observe.SweepObservation;
import io.gridbench.operator.observe.SweepObserver;
import io.gridbench.operator.status.ErrorClassifier;
import io.gridbench.operator.status.SweepStatusBuilder;
import io.gridbench.operator.validation.SweepValidator;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Workflow;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowBuilder;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconciles a BenchmarkSweep: observe it once from the caches, validate, let the workflow create
 * the sweep's ServiceAccount and Role, the plan ConfigMap, the results ConfigMaps and the Jobs
 * whose turn it is, build status once, and write it only when it changed. The operator keeps no
 * state of its own: Jobs, pods and results ConfigMaps are the truth, so a restarted operator picks
 * up where the last one stopped.
 */
@ControllerConfiguration(name = BenchmarkSweepReconciler.NAME)
public class BenchmarkSweepReconciler implements Reconciler<BenchmarkSweep> {

  public static final String NAME = "benchmarksweep";
  static final String PODS = "pods";
  static final Duration RAY_POLL = Duration.ofSeconds(5);

  private final PlanConfigMapDependentResource plan = new PlanConfigMapDependentResource();
  private final ResultShardsDependentResource results = new ResultShardsDependentResource();
  private final StrategyJobsDependentResource jobs;
  private final Workflow<BenchmarkSweep> identity;
  private final Workflow<BenchmarkSweep> workflow;
  private final SweepValidator validator = new SweepValidator();
  private final Clock clock;
  private final ErrorClassifier classifier = new ErrorClassifier();
  private final SweepEvents events;
  private final SweepMetrics metrics;
  private final RayClusterDependentResource rayCluster;
  private final KubeRayInstalledCondition kubeRay;

  public BenchmarkSweepReconciler(OperatorSettings settings, Clock clock) {
    this(settings, clock, new SweepMetrics(clock));
  }

  /** A reconciler that exports every status it computes through {@code metrics}. */
  public BenchmarkSweepReconciler(OperatorSettings settings, Clock clock, SweepMetrics metrics) {
    this.metrics = metrics;
    this.rayCluster = new RayClusterDependentResource(new RayClusterTemplate(settings));
    this.kubeRay = new KubeRayInstalledCondition(clock);
    this.jobs = new StrategyJobsDependentResource(new JobTemplate(settings));
    var serviceAccount = new WorkerAccessDependents.ServiceAccountDependent();
    var role = new WorkerAccessDependents.RoleDependent(results);
    var roleBinding = new WorkerAccessDependents.RoleBindingDependent();
    // Every pod of the sweep runs as its own ServiceAccount, which may write only the results
    // ConfigMaps the operator created: so those, and the account, come before any Job. The account
    // comes even before the RayCluster, whose head runs as it (a pod naming a missing account is
    // refused).
    this.identity =
        new WorkflowBuilder<BenchmarkSweep>().addDependentResource(serviceAccount).build();
    this.workflow =
        new WorkflowBuilder<BenchmarkSweep>()
            .addDependentResource(plan)
            .addDependentResource(results)
            .addDependentResourceAndConfigure(role)
            .dependsOn(results)
            .addDependentResourceAndConfigure(roleBinding)
            .dependsOn(role)
            .addDependentResourceAndConfigure(jobs)
            .dependsOn(plan, results, role, roleBinding)
            // The head mounts the plan; its informer exists only where KubeRay is installed.
            .addDependentResourceAndConfigure(rayCluster)
            .dependsOn(plan)
            .withActivationCondition(kubeRay)
            .withReconcilePrecondition(new RayClusterNeededCondition())
            .build();
    this.clock = clock;
    this.events = new SweepEvents(clock);
  }

  @Override
  public List<EventSource<?, BenchmarkSweep>> prepareEventSources(
      EventSourceContext<BenchmarkSweep> context) {
    List<EventSource<?, BenchmarkSweep>> sources =
        new ArrayList<>(EventSourceUtils.eventSourcesFromWorkflow(context, identity));
    sources.addAll(EventSourceUtils.eventSourcesFromWorkflow(context, workflow));
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, BenchmarkSweep.class)
                .withName(PODS)
                .withLabelSelector(Labels.selector(Labels.WORKER))
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(SweepChildren::sweepOf)
                .build(),
            context));
    return sources;
  }

  @Override
  public UpdateControl<BenchmarkSweep> reconcile(
      BenchmarkSweep sweep, Context<BenchmarkSweep> context) throws PlanException {
    SweepObservation observed = SweepObserver.observe(sweep, children(sweep, context));
    // Once started, the sweep runs its frozen plan: the current spec no longer matters for Jobs.
    List<String> problems =
        observed.frozen() ? List.of() : validator.validate(sweep, observed.leftovers());
    if (problems.isEmpty()) {
      identity.reconcile(sweep, context);
      observed =
          observed.starting(
              RayClusterObserver.state(
                  observed,
                  kubeRay.installed(context.getClient()),
                  RayClusterDependentResource.cached(sweep, context),
                  clock.instant()));
      context
          .managedWorkflowAndDependentResourceContext()
          .put(SweepObservation.CONTEXT_KEY, observed);
      workflow.reconcile(sweep, context);
    }
    BenchmarkSweepStatus status =
        new SweepStatusBuilder(sweep, clock)
            .addObservation(observed)
            .addInvalidSpec(problems)
            .addRayCluster(observed.ray())
            .addDrift(observed.drift())
            .build();
    // Before the equality check: after a restart, an unchanged status still rebuilds the gauges.
    metrics.observe(
        sweep.getMetadata().getNamespace(),
        sweep.getMetadata().getName(),
        status,
        observed.results());
    if (!status.equals(sweep.getStatus())) {
      events.onStatus(context.getClient(), sweep, status);
      writeStatus(sweep, status, context);
    }
    UpdateControl<BenchmarkSweep> control = UpdateControl.noUpdate();
    // The informer brings readiness changes; the readiness timeout is time, so it is polled.
    return observed.ray().phase() == RayClusterState.Phase.WAITING
        ? control.rescheduleAfter(RAY_POLL)
        : control;
  }

  @Override
  public ErrorStatusUpdateControl<BenchmarkSweep> updateErrorStatus(
      BenchmarkSweep sweep, Context<BenchmarkSweep> context, Exception e) {
    return classifier
        .classify(e)
        .map(
            problem -> {
              var control =
                  ErrorStatusUpdateControl.patchStatus(
                      withStatus(
                          sweep, new SweepStatusBuilder(sweep, clock).addError(problem).build()));
              return problem.retry() ? control : control.withNoRetry();
            })
        .orElseGet(ErrorStatusUpdateControl::defaultErrorProcessing);
  }

  /** The sweep's children as the informers hold them: what the observation is made of. */
  private SweepObserver.Children children(BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
    return new SweepObserver.Children(
        context.getSecondaryResource(ConfigMap.class, PlanConfigMapDependentResource.NAME),
        jobs.getSecondaryResources(sweep, context).values(),
        context
            .eventSourceRetriever()
            .getEventSourceFor(Pod.class, PODS)
            .getSecondaryResources(sweep),
        results.getSecondaryResources(sweep, context).values());
  }

  /**
   * Patches the sweep's status and waits until JOSDK's cache holds the result (the SDK's {@link
   * PrimaryUpdateAndCacheUtils}): a reconcile triggered by a child event right after the patch then
   * computes from the status just written, so it never sends the same status again. Server-side
   * apply, as JOSDK patches a primary, or a merge patch where that is switched off.
   */
  private static void writeStatus(
      BenchmarkSweep sweep, BenchmarkSweepStatus status, Context<BenchmarkSweep> context) {
    if (context
        .getControllerConfiguration()
        .getConfigurationService()
        .useSSAToPatchPrimaryResource()) {
      PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(
          sweep, withStatus(sweep, status), context);
    } else {
      PrimaryUpdateAndCacheUtils.mergePatchStatusAndCacheResource(
          sweep,
          context,
          s -> {
            s.setStatus(status);
            return s;
          });
    }
  }

  /** A fresh object carrying only what a status patch needs, so no stale field is written. */
  private static BenchmarkSweep withStatus(BenchmarkSweep sweep, BenchmarkSweepStatus status) {
    BenchmarkSweep fresh = new BenchmarkSweep();
    fresh.setMetadata(
        new ObjectMetaBuilder()
            .withName(sweep.getMetadata().getName())
            .withNamespace(sweep.getMetadata().getNamespace())
            .build());
    fresh.setStatus(status);
    return fresh;
  }
}
