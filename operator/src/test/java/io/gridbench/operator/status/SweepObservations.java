package io.gridbench.operator.status;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.operator.observe.RayClusterState;
import io.gridbench.operator.observe.SweepObservation;
import io.gridbench.operator.observe.SweepObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small builder of a sweep's children for status tests (a 2 x 2 grid, strategies a and b): the
 * Jobs, pods and results ConfigMaps the informers would hold, observed by the real {@link
 * SweepObserver} and built by the real {@link SweepStatusBuilder}, as a reconcile does.
 */
final class SweepObservations {
  BenchmarkSweep sweep = new BenchmarkSweep();
  List<String> problems = new ArrayList<>();
  boolean started = true;
  final Map<String, Job> jobs = new HashMap<>();
  final Map<String, List<Pod>> pods = new HashMap<>();
  final Map<String, List<CellResult>> cells = new HashMap<>();
  final Map<String, DriftReport> drift = new HashMap<>();
  final Map<String, MachineInfo> machines = new HashMap<>();
  RayClusterState ray = RayClusterState.NOT_NEEDED;

  /** The sweep uid the results ConfigMaps carry: this sweep's unless a test says otherwise. */
  String resultsUid = "u";

  SweepObservations() {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0, 1000), Axis.of(0, 256)));
    spec.setStrategies(
        new ArrayList<>(
            List.of(
                new StrategySpec("a", StrategyType.SingleThread),
                new StrategySpec("b", StrategyType.ThreadPool))));
    sweep.setMetadata(
        new ObjectMetaBuilder()
            .withName("s")
            .withNamespace("ns")
            .withUid("u")
            .withGeneration(1L)
            .build());
    sweep.setSpec(spec);
  }

  SweepObservations job(String strategy, String condition) {
    JobBuilder job =
        new JobBuilder()
            .withNewMetadata()
            .withName("s-" + strategy)
            .withLabels(Labels.of("s", Labels.WORKER, strategy))
            .endMetadata()
            .withNewStatus()
            .withStartTime("2025-01-01T00:00:00Z")
            .endStatus();
    if (condition != null) {
      job.editStatus()
          .addToConditions(
              new JobConditionBuilder()
                  .withType(condition)
                  .withStatus("True")
                  .withReason(condition.equals("Failed") ? "BackoffLimitExceeded" : null)
                  .withMessage(
                      condition.equals("Failed")
                          ? "Job has reached the specified backoff limit"
                          : null)
                  .withLastTransitionTime("2025-01-01T00:01:00Z")
                  .build())
          .withCompletionTime(condition.equals("Complete") ? "2025-01-01T00:01:00Z" : null)
          .endStatus();
    }
    jobs.put(strategy, job.build());
    return this;
  }

  /** Replaces strategy b by Ray strategy r, with the RayCluster in {@code ray}. */
  SweepObservations withRayStrategy(RayClusterState ray) {
    sweep.getSpec().getStrategies().set(1, new StrategySpec("r", StrategyType.RayTasks));
    this.ray = ray;
    return this;
  }

  SweepObservations cell(String strategy, long compute, long payload, double... samples) {
    List<Double> list = new ArrayList<>();
    for (double s : samples) {
      list.add(s);
    }
    cells
        .computeIfAbsent(strategy, k -> new ArrayList<>())
        .add(CellResult.of(compute, payload, 4, 7L, list, Instant.EPOCH, null));
    return this;
  }

  /** The observation a reconcile would make of these children, after validation. */
  SweepObservation build() {
    SweepObservation observed;
    try {
      observed = SweepObserver.observe(sweep, children());
    } catch (PlanException e) {
      throw new IllegalStateException(e);
    }
    return problems.isEmpty() ? observed.starting(ray) : observed;
  }

  /** The status a reconcile would build from {@link #build()} at {@code clock}'s time. */
  BenchmarkSweepStatus status(Clock clock) {
    SweepObservation observed = build();
    return new SweepStatusBuilder(sweep, clock)
        .addObservation(observed)
        .addInvalidSpec(problems)
        .addRayCluster(observed.ray())
        .addDrift(observed.drift())
        .build();
  }

  private SweepObserver.Children children() {
    List<Pod> allPods = new ArrayList<>();
    pods.forEach(
        (strategy, list) ->
            list.forEach(
                p -> {
                  p.getMetadata().setLabels(Labels.of("s", Labels.WORKER, strategy));
                  allPods.add(p);
                }));
    List<ConfigMap> results = new ArrayList<>();
    Map<String, Map<String, String>> data = new LinkedHashMap<>();
    cells.forEach(
        (strategy, list) ->
            list.forEach(
                c ->
                    data.computeIfAbsent(strategy, k -> new HashMap<>())
                        .put(ResultsConfigMaps.key(c.key()), ResultsConfigMaps.encode(c))));
    drift.forEach(
        (strategy, report) ->
            data.computeIfAbsent(strategy, k -> new HashMap<>())
                .put(ResultsConfigMaps.DRIFT_KEY, ResultsConfigMaps.encodeDrift(report)));
    machines.forEach(
        (strategy, machine) ->
            data.computeIfAbsent(strategy, k -> new HashMap<>())
                .put(ResultsConfigMaps.MACHINE_KEY, ResultsConfigMaps.encodeMachine(machine)));
    data.forEach(
        (strategy, entries) ->
            results.add(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(ChildNames.resultsConfigMap("s", strategy, 0))
                    .withLabels(Labels.of("s", Labels.RESULTS, strategy))
                    .addToLabels(Labels.SWEEP_UID, resultsUid)
                    .endMetadata()
                    .withData(entries)
                    .build()));
    Optional<ConfigMap> plan =
        started
            ? Optional.of(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(ChildNames.planConfigMap("s"))
                    .endMetadata()
                    .addToData(ResultsConfigMaps.PLAN_KEY, planOf(sweep).toJson())
                    .build())
            : Optional.empty();
    return new SweepObserver.Children(plan, jobs.values(), allPods, results);
  }

  /** The plan as the sweep was at generation 1. */
  SweepPlan frozen;

  private SweepPlan planOf(BenchmarkSweep s) {
    if (frozen == null) {
      frozen = SweepPlan.of(s);
    }
    return frozen;
  }
}
