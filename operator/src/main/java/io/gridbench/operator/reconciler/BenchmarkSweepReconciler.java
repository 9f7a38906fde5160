package io.gridbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.dependent.JobTemplate;
import io.gridbench.operator.dependent.PlanConfigMapDependentResource;
import io.gridbench.operator.dependent.RayClusterStep;
import io.gridbench.operator.dependent.RayClusterTemplate;
import io.gridbench.operator.dependent.StrategyJobsDependentResource;
import io.gridbench.operator.dependent.SweepChildren;
import io.gridbench.operator.metrics.SweepMetrics;
import io.gridbench.operator.status.DriftStatus;
import io.gridbench.operator.status.ErrorClassifier;
import io.gridbench.operator.status.ObservedSweep;
import io.gridbench.operator.status.RayClusterState;
import io.gridbench.operator.status.SweepStatusAggregator;
import io.gridbench.operator.validation.SweepValidator;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Workflow;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowBuilder;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles a BenchmarkSweep: validate, then let the workflow create the plan ConfigMap and the
 * Jobs whose turn it is, then compute status from the caches and write it only when it changed. The
 * operator keeps no state of its own: Jobs, pods and results ConfigMaps are the truth, so a
 * restarted operator picks up where the last one stopped.
 */
@ControllerConfiguration(name = BenchmarkSweepReconciler.NAME)
public class BenchmarkSweepReconciler implements Reconciler<BenchmarkSweep> {

  public static final String NAME = "benchmarksweep";
  static final String RESULTS = "results";
  static final String PODS = "pods";
  static final Duration RAY_POLL = Duration.ofSeconds(5);

  private final PlanConfigMapDependentResource plan = new PlanConfigMapDependentResource();
  private final StrategyJobsDependentResource jobs;
  private final Workflow<BenchmarkSweep> workflow;
  private final SweepValidator validator = new SweepValidator();
  private final SweepStatusAggregator aggregator;
  private final DriftStatus drift;
  private final ErrorClassifier classifier = new ErrorClassifier();
  private final SweepEvents events;
  private final SweepMetrics metrics;
  private final RayClusterStep rayCluster;
  private final WrittenStatuses written = new WrittenStatuses();

  public BenchmarkSweepReconciler(OperatorSettings settings, Clock clock) {
    this(settings, clock, new SweepMetrics(clock));
  }

  /** A reconciler that exports every status it computes through {@code metrics}. */
  public BenchmarkSweepReconciler(OperatorSettings settings, Clock clock, SweepMetrics metrics) {
    this.metrics = metrics;
    this.rayCluster = new RayClusterStep(new RayClusterTemplate(settings), clock);
    this.jobs = new StrategyJobsDependentResource(new JobTemplate(settings));
    this.workflow =
        new WorkflowBuilder<BenchmarkSweep>()
            .addDependentResource(plan)
            .addDependentResourceAndConfigure(jobs)
            .dependsOn(plan)
            .build();
    this.aggregator = new SweepStatusAggregator(clock);
    this.drift = new DriftStatus(clock);
    this.events = new SweepEvents(clock);
  }

  @Override
  public List<EventSource<?, BenchmarkSweep>> prepareEventSources(
      EventSourceContext<BenchmarkSweep> context) {
    List<EventSource<?, BenchmarkSweep>> sources =
        new ArrayList<>(EventSourceUtils.eventSourcesFromWorkflow(context, workflow));
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ConfigMap.class, BenchmarkSweep.class)
                .withName(RESULTS)
                .withLabelSelector(Labels.selector(Labels.RESULTS))
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(SweepChildren::sweepOf)
                .build(),
            context));
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
    Optional<SweepPlan> frozen = PlanConfigMapDependentResource.frozenPlan(sweep, context);
    // Once started, the sweep runs its frozen plan: the current spec no longer matters for Jobs.
    List<String> problems = frozen.isPresent() ? List.of() : validator.validate(sweep);
    RayClusterState ray = RayClusterState.NOT_NEEDED;
    if (problems.isEmpty()) {
      ray =
          rayCluster.reconcile(
              sweep,
              frozen.map(SweepPlan::spec).orElse(sweep.getSpec()),
              jobs.jobsByStrategy(sweep, context),
              context.getClient());
      context.managedWorkflowAndDependentResourceContext().put(RayClusterState.CONTEXT_KEY, ray);
      workflow.reconcile(sweep, context);
      frozen = PlanConfigMapDependentResource.frozenPlan(sweep, context);
    }
    ObservedSweep observed =
        new ObservedSweep(
            sweep,
            problems,
            frozen,
            jobs.jobsByStrategy(sweep, context),
            byStrategy(context.eventSourceRetriever().getEventSourceFor(Pod.class, PODS), sweep),
            results(context, sweep),
            ray);
    BenchmarkSweepStatus status =
        drift.apply(
            aggregator.aggregate(observed),
            drifts(context, sweep),
            sweep.getStatus() == null ? List.of() : sweep.getStatus().getConditions());
    // Before the equality check: after a restart, an unchanged status still rebuilds the gauges.
    metrics.observe(
        sweep.getMetadata().getNamespace(),
        sweep.getMetadata().getName(),
        status,
        observed.cells());
    UpdateControl<BenchmarkSweep> control;
    if (status.equals(sweep.getStatus()) || written.alreadyWritten(sweep, status)) {
      control = UpdateControl.noUpdate();
    } else {
      events.onStatus(context.getClient(), sweep, status);
      written.writing(sweep, status);
      control = UpdateControl.patchStatus(withStatus(sweep, status));
    }
    // No informer watches RayClusters (the kind may not exist), so readiness is polled.
    return ray.phase() == RayClusterState.Phase.WAITING
        ? control.rescheduleAfter(RAY_POLL)
        : control;
  }

  @Override
  public ErrorStatusUpdateControl<BenchmarkSweep> updateErrorStatus(
      BenchmarkSweep sweep, Context<BenchmarkSweep> context, Exception e) {
    written.forget(sweep);
    return classifier
        .classify(e)
        .map(
            problem -> {
              var control =
                  ErrorStatusUpdateControl.patchStatus(
                      withStatus(
                          sweep, aggregator.withError(sweep, problem.reason(), problem.message())));
              return problem.retry() ? control : control.withNoRetry();
            })
        .orElseGet(ErrorStatusUpdateControl::defaultErrorProcessing);
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

  private static Map<String, List<CellResult>> results(
      Context<BenchmarkSweep> context, BenchmarkSweep sweep) throws PlanException {
    Map<String, List<CellResult>> cells = new HashMap<>();
    for (ConfigMap cm :
        context
            .eventSourceRetriever()
            .getEventSourceFor(ConfigMap.class, RESULTS)
            .getSecondaryResources(sweep)) {
      String strategy = SweepChildren.strategyOf(cm);
      if (strategy != null) {
        cells
            .computeIfAbsent(strategy, s -> new ArrayList<>())
            .addAll(ResultsConfigMaps.decodeAll(cm.getMetadata().getName(), cm.getData()));
      }
    }
    return cells;
  }

  /** The workers' drift canary reports, by strategy, from their first results ConfigMaps. */
  private static Map<String, DriftReport> drifts(
      Context<BenchmarkSweep> context, BenchmarkSweep sweep) throws PlanException {
    Map<String, DriftReport> reports = new HashMap<>();
    for (ConfigMap cm :
        context
            .eventSourceRetriever()
            .getEventSourceFor(ConfigMap.class, RESULTS)
            .getSecondaryResources(sweep)) {
      String strategy = SweepChildren.strategyOf(cm);
      String json = cm.getData() == null ? null : cm.getData().get(ResultsConfigMaps.DRIFT_KEY);
      if (strategy != null && json != null) {
        reports.put(
            strategy,
            ResultsConfigMaps.decodeDrift(
                "ConfigMap " + cm.getMetadata().getName() + " key " + ResultsConfigMaps.DRIFT_KEY,
                json));
      }
    }
    return reports;
  }

  private static <R extends HasMetadata> Map<String, List<R>> byStrategy(
      EventSource<R, BenchmarkSweep> source, BenchmarkSweep sweep) {
    Map<String, List<R>> grouped = new HashMap<>();
    for (R r : source.getSecondaryResources(sweep)) {
      String strategy = SweepChildren.strategyOf(r);
      if (strategy != null) {
        grouped.computeIfAbsent(strategy, s -> new ArrayList<>()).add(r);
      }
    }
    return grouped;
  }
}
