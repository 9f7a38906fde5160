package io.gridbench.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.api.v1alpha1.SweepSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The one place a sweep's status is computed: phase, conditions, per-strategy progress and
 * matrices, and the fastest strategy per cell, from an {@link ObservedSweep}. Pure apart from the
 * clock, which only stamps condition transitions.
 */
public final class SweepStatusAggregator {

  /**
   * Matrix entries (cells x (2 per strategy + 1)) status may hold: about 250 KiB of JSON, far below
   * the 1 MiB object limit. Larger grids get counts and a note; samples stay in ConfigMaps.
   */
  static final long MAX_MATRIX_ENTRIES = 12_000;

  /** Marks a cell not measured yet in a matrix of numbers. */
  public static final double NOT_MEASURED = -1.0;

  /**
   * Marks a cell no strategy measured yet in fastestPerCell; not "" because the 1.20 API server's
   * server-side apply turns empty strings in nested lists into nulls, which the schema rejects.
   */
  public static final String NO_MEASUREMENT = "-";

  private final Clock clock;

  public SweepStatusAggregator(Clock clock) {
    this.clock = clock;
  }

  /** The status {@code observed} calls for. */
  public BenchmarkSweepStatus aggregate(ObservedSweep observed) {
    BenchmarkSweep sweep = observed.sweep();
    long generation = generationOf(sweep);
    ConditionTransitions conditions =
        new ConditionTransitions(previousConditions(sweep), generation, clock.instant());
    BenchmarkSweepStatus status = new BenchmarkSweepStatus();
    status.setObservedGeneration(generation);
    if (observed.plan().isEmpty()) {
      if (!observed.problems().isEmpty()) {
        return invalid(status, observed.problems(), conditions);
      }
      status.setPhase(SweepPhase.Pending);
      String waiting = "The sweep has not started yet.";
      conditions
          .set(Reasons.SPEC_APPLIED, true, Reasons.SPEC_APPLIED_REASON, waiting)
          .set(Reasons.READY, false, Reasons.WAITING_TO_START, waiting)
          .set(Reasons.PROGRESSING, true, Reasons.WAITING_TO_START, waiting)
          .set(Reasons.DEGRADED, false, Reasons.NO_FAILURES, "No strategy has failed.");
      rayCondition(observed.ray(), conditions);
      status.setConditions(conditions.build());
      return status;
    }
    return running(status, observed, observed.plan().get(), conditions);
  }

  /**
   * {@code sweep}'s current status with a Degraded condition saying why the last reconcile failed;
   * everything else is kept as it was.
   */
  public BenchmarkSweepStatus withError(BenchmarkSweep sweep, String reason, String message) {
    long generation = generationOf(sweep);
    BenchmarkSweepStatus previous = sweep.getStatus();
    BenchmarkSweepStatus status = new BenchmarkSweepStatus();
    ConditionTransitions conditions =
        new ConditionTransitions(previousConditions(sweep), generation, clock.instant());
    if (previous != null) {
      status.setAppliedGeneration(previous.getAppliedGeneration());
      status.setPhase(previous.getPhase());
      status.setProgress(previous.getProgress());
      status.setCellsDone(previous.getCellsDone());
      status.setCellsTotal(previous.getCellsTotal());
      status.setStrategies(previous.getStrategies());
      status.setSummary(previous.getSummary());
      for (Condition c : previousConditions(sweep)) {
        if (!Reasons.DEGRADED.equals(c.getType())) {
          conditions.set(c.getType(), "True".equals(c.getStatus()), c.getReason(), c.getMessage());
        }
      }
    }
    status.setObservedGeneration(generation);
    status.setConditions(conditions.set(Reasons.DEGRADED, true, reason, message).build());
    return status;
  }

  private static BenchmarkSweepStatus invalid(
      BenchmarkSweepStatus status, List<String> problems, ConditionTransitions conditions) {
    String message = "The spec is invalid: " + String.join(" ", problems);
    status.setPhase(SweepPhase.Failed);
    status.setConditions(
        conditions
            .set(Reasons.SPEC_APPLIED, false, Reasons.INVALID_SPEC, message)
            .set(Reasons.READY, false, Reasons.INVALID_SPEC, message)
            .set(
                Reasons.PROGRESSING,
                false,
                Reasons.INVALID_SPEC,
                "No Job was created: fix the spec to start the sweep.")
            .set(Reasons.DEGRADED, true, Reasons.INVALID_SPEC, message)
            .build());
    return status;
  }

  private BenchmarkSweepStatus running(
      BenchmarkSweepStatus status,
      ObservedSweep observed,
      SweepPlan plan,
      ConditionTransitions conditions) {
    List<Long> compute = plan.spec().getGrid().getCompute().expand();
    List<Long> payload = plan.spec().getGrid().getPayloadBytes().expand();
    List<StrategySpec> specs = plan.spec().getStrategies();
    int cellsPerStrategy = compute.size() * payload.size();
    boolean matrices = (long) cellsPerStrategy * (2L * specs.size() + 1) <= MAX_MATRIX_ENTRIES;

    Map<String, Map<CellKey, CellResult>> cellsByStrategy = new LinkedHashMap<>();
    List<StrategyStatus> strategies = new ArrayList<>();
    for (StrategySpec spec : specs) {
      Map<CellKey, CellResult> cells =
          gridCells(observed.cells().get(spec.getName()), compute, payload);
      cellsByStrategy.put(spec.getName(), cells);
      strategies.add(
          strategyStatus(
              plan,
              spec,
              observed.jobs().get(spec.getName()),
              observed.pods().getOrDefault(spec.getName(), List.of()),
              cells,
              cellsPerStrategy,
              matrices ? compute : null,
              payload));
    }
    failForWantOfRay(strategies, observed.ray());
    status.setAppliedGeneration(plan.generation());
    status.setStrategies(strategies);
    int done = strategies.stream().mapToInt(StrategyStatus::getCellsDone).sum();
    int total = cellsPerStrategy * specs.size();
    status.setCellsDone(done);
    status.setCellsTotal(total);
    status.setProgress(done + "/" + total);
    status.setSummary(summary(plan, compute, payload, cellsByStrategy, matrices));

    List<StrategyStatus> failed =
        strategies.stream().filter(s -> s.getPhase() == StrategyPhase.Failed).toList();
    long finished = strategies.stream().filter(s -> s.getPhase().isFinished()).count();
    boolean allFinished = finished == strategies.size();
    boolean anyStarted = strategies.stream().anyMatch(s -> s.getPhase() != StrategyPhase.Pending);

    if (allFinished) {
      status.setPhase(
          failed.isEmpty()
              ? SweepPhase.Succeeded
              : failed.size() == strategies.size()
                  ? SweepPhase.Failed
                  : SweepPhase.PartiallySucceeded);
    } else {
      status.setPhase(anyStarted ? SweepPhase.Running : SweepPhase.Pending);
    }

    specApplied(observed.sweep(), plan, conditions);
    if (allFinished) {
      String finishedMessage = "All " + strategies.size() + " strategies finished.";
      conditions.set(Reasons.PROGRESSING, false, Reasons.SWEEP_FINISHED, finishedMessage);
      if (failed.isEmpty()) {
        conditions.set(
            Reasons.READY, true, Reasons.ALL_STRATEGIES_SUCCEEDED, "Every strategy succeeded.");
      } else if (failed.size() < strategies.size()) {
        conditions.set(
            Reasons.READY,
            true,
            Reasons.SOME_STRATEGIES_FAILED,
            failed.size() + " of " + strategies.size() + " strategies failed.");
      } else {
        conditions.set(
            Reasons.READY, false, Reasons.ALL_STRATEGIES_FAILED, "Every strategy failed.");
      }
    } else {
      List<String> running =
          strategies.stream()
              .filter(s -> s.getPhase() == StrategyPhase.Running)
              .map(s -> s.getName() + " (" + s.getCellsDone() + "/" + s.getCellsTotal() + " cells)")
              .toList();
      List<String> stuck =
          strategies.stream()
              .filter(
                  s ->
                      s.getPhase() == StrategyPhase.Running
                          && Reasons.UNSCHEDULABLE.equals(s.getReason()))
              .map(s -> s.getName() + ": " + s.getMessage())
              .toList();
      if (!stuck.isEmpty()) {
        conditions.set(
            Reasons.PROGRESSING,
            true,
            Reasons.WORKER_UNSCHEDULABLE,
            "Waiting for a node: "
                + String.join("; ", stuck)
                + ". Give the workers less CPU or memory (the chart's runner.cpu and"
                + " runner.memory) or the cluster a bigger node; the sweep goes on once the pod"
                + " is placed.");
      } else {
        conditions.set(
            Reasons.PROGRESSING,
            true,
            running.isEmpty() ? Reasons.WAITING_TO_START : Reasons.STRATEGY_RUNNING,
            running.isEmpty()
                ? "The next strategy is about to start."
                : "Running " + String.join(", ", running) + ".");
      }
      conditions.set(
          Reasons.READY,
          false,
          Reasons.STRATEGIES_RUNNING,
          finished + " of " + strategies.size() + " strategies finished.");
    }
    if (failed.isEmpty()) {
      conditions.set(Reasons.DEGRADED, false, Reasons.NO_FAILURES, "No strategy has failed.");
    } else {
      conditions.set(
          Reasons.DEGRADED,
          true,
          Reasons.STRATEGY_FAILED,
          failed.stream()
              .map(
                  s ->
                      "Strategy "
                          + s.getName()
                          + " failed ("
                          + s.getReason()
                          + "): "
                          + s.getMessage())
              .collect(Collectors.joining(" ")));
    }
    rayCondition(observed.ray(), conditions);
    status.setConditions(conditions.build());
    return status;
  }

  /** Ray strategies that never got a Job fail when their cluster is unavailable. */
  private static void failForWantOfRay(List<StrategyStatus> strategies, RayClusterState ray) {
    if (ray.phase() != RayClusterState.Phase.UNAVAILABLE) {
      return;
    }
    for (StrategyStatus s : strategies) {
      if (s.getType() != null && s.getType().isRay() && s.getJobName() == null) {
        s.setPhase(StrategyPhase.Failed);
        s.setReason(ray.reason());
        s.setMessage(ray.message());
      }
    }
  }

  /** The RayCluster condition, on sweeps with Ray strategies only. */
  private static void rayCondition(RayClusterState ray, ConditionTransitions conditions) {
    if (ray.phase() == RayClusterState.Phase.NOT_NEEDED) {
      return;
    }
    boolean ready =
        ray.phase() == RayClusterState.Phase.READY || Reasons.RAY_CLUSTER_KEPT.equals(ray.reason());
    conditions.set(Reasons.RAY_CLUSTER, ready, ray.reason(), ray.message());
  }

  private static void specApplied(
      BenchmarkSweep sweep, SweepPlan plan, ConditionTransitions conditions) {
    long generation = generationOf(sweep);
    if (generation != plan.generation() && !Objects.equals(sweep.getSpec(), plan.spec())) {
      conditions.set(
          Reasons.SPEC_APPLIED,
          false,
          Reasons.SPEC_CHANGED_AFTER_START,
          "The spec changed (generation "
              + generation
              + ") after the sweep started with generation "
              + plan.generation()
              + "; the change is not applied and the results measured so far are kept. Create a"
              + " new sweep to measure the new spec.");
    } else {
      conditions.set(
          Reasons.SPEC_APPLIED,
          true,
          Reasons.SPEC_APPLIED_REASON,
          "The sweep runs the spec of generation " + plan.generation() + ".");
    }
  }

  private static StrategyStatus strategyStatus(
      SweepPlan plan,
      StrategySpec spec,
      Job job,
      List<Pod> pods,
      Map<CellKey, CellResult> cells,
      int cellsTotal,
      List<Long> compute,
      List<Long> payload) {
    StrategyStatus s = new StrategyStatus();
    s.setName(spec.getName());
    s.setType(spec.getType());
    s.setCellsDone(cells.size());
    s.setCellsTotal(cellsTotal);
    if (!cells.isEmpty()) {
      s.setResultsConfigMap(ResultsConfigMaps.name(plan.sweep(), spec.getName(), 0));
    }
    if (job == null) {
      s.setPhase(StrategyPhase.Pending);
    } else {
      s.setJobName(job.getMetadata().getName());
      Optional<JobCondition> complete = finishedCondition(job, "Complete");
      Optional<JobCondition> failed = finishedCondition(job, "Failed");
      if (job.getStatus() != null) {
        s.setStartTime(job.getStatus().getStartTime());
      }
      if (complete.isPresent()) {
        s.setPhase(StrategyPhase.Succeeded);
        s.setFinishTime(
            job.getStatus().getCompletionTime() != null
                ? job.getStatus().getCompletionTime()
                : complete.get().getLastTransitionTime());
      } else if (failed.isPresent()) {
        s.setPhase(StrategyPhase.Failed);
        s.setFinishTime(failed.get().getLastTransitionTime());
        String[] why = FailureReasons.of(job, pods);
        s.setReason(why[0]);
        s.setMessage(why[1]);
      } else {
        s.setPhase(StrategyPhase.Running);
        unschedulable(pods)
            .ifPresent(
                scheduler -> {
                  s.setReason(Reasons.UNSCHEDULABLE);
                  s.setMessage("the worker pod cannot be scheduled: " + scheduler);
                });
      }
    }
    // A strategy that measured nothing yet would only add a matrix of -1 to the object.
    if (compute != null && !cells.isEmpty()) {
      s.setMedianSeconds(matrix(compute, payload, cells, r -> r.stats().median()));
      s.setRelativeSpread(matrix(compute, payload, cells, r -> r.stats().relativeSpread()));
    }
    return s;
  }

  /**
   * The scheduler's message when a live pod of the strategy is unschedulable (PodScheduled=False,
   * reason Unschedulable): the Job would otherwise wait for it forever, silently. Not while a pod
   * of the strategy is still terminating: its replacement waits for the resources it frees.
   */
  private static Optional<String> unschedulable(List<Pod> pods) {
    if (pods.stream().anyMatch(p -> p.getMetadata().getDeletionTimestamp() != null)) {
      return Optional.empty();
    }
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null)
        .flatMap(p -> p.getStatus().getConditions().stream())
        .filter(
            c ->
                "PodScheduled".equals(c.getType())
                    && "False".equals(c.getStatus())
                    && Reasons.UNSCHEDULABLE.equals(c.getReason()))
        .map(c -> c.getMessage() == null ? "no message from the scheduler" : c.getMessage())
        .findFirst();
  }

  private static Optional<JobCondition> finishedCondition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static SweepSummary summary(
      SweepPlan plan,
      List<Long> compute,
      List<Long> payload,
      Map<String, Map<CellKey, CellResult>> cellsByStrategy,
      boolean matrices) {
    SweepSummary summary = new SweepSummary();
    summary.setCompute(compute);
    summary.setPayloadBytes(payload);
    Map<String, Integer> wins = new HashMap<>();
    List<List<String>> perCell = new ArrayList<>();
    int compared = 0;
    for (long c : compute) {
      List<String> row = new ArrayList<>();
      for (long p : payload) {
        CellKey key = new CellKey(c, p);
        String best = NO_MEASUREMENT;
        double bestMedian = Double.MAX_VALUE;
        for (Map.Entry<String, Map<CellKey, CellResult>> e : cellsByStrategy.entrySet()) {
          CellResult r = e.getValue().get(key);
          if (r != null && r.stats().median() < bestMedian) {
            bestMedian = r.stats().median();
            best = e.getKey();
          }
        }
        if (!best.equals(NO_MEASUREMENT)) {
          compared++;
          wins.merge(best, 1, Integer::sum);
        }
        row.add(best);
      }
      perCell.add(row);
    }
    if (matrices) {
      summary.setFastestPerCell(perCell);
    } else {
      summary.setNote(
          "The grid has "
              + compute.size() * payload.size()
              + " cells and "
              + cellsByStrategy.size()
              + " strategies: too many matrices for status. Per-cell results are in the"
              + " ConfigMaps labelled gridbench.io/sweep="
              + plan.sweep()
              + ".");
    }
    String leader = null;
    int most = 0;
    for (String name : cellsByStrategy.keySet()) {
      int w = wins.getOrDefault(name, 0);
      if (w > most) {
        most = w;
        leader = name;
      }
    }
    if (leader != null) {
      summary.setFastest(leader + " (" + most + "/" + compared + " cells)");
    }
    return summary;
  }

  private static Map<CellKey, CellResult> gridCells(
      List<CellResult> recorded, List<Long> compute, List<Long> payload) {
    Map<CellKey, CellResult> cells = new HashMap<>();
    if (recorded == null) {
      return cells;
    }
    Set<Long> rows = new HashSet<>(compute);
    Set<Long> columns = new HashSet<>(payload);
    for (CellResult r : recorded) {
      if (rows.contains(r.compute()) && columns.contains(r.payloadBytes())) {
        cells.put(r.key(), r);
      }
    }
    return cells;
  }

  private static List<List<Double>> matrix(
      List<Long> compute,
      List<Long> payload,
      Map<CellKey, CellResult> cells,
      ToDoubleFunction<CellResult> value) {
    List<List<Double>> rows = new ArrayList<>(compute.size());
    for (long c : compute) {
      List<Double> row = new ArrayList<>(payload.size());
      for (long p : payload) {
        CellResult r = cells.get(new CellKey(c, p));
        row.add(r == null ? NOT_MEASURED : value.applyAsDouble(r));
      }
      rows.add(row);
    }
    return rows;
  }

  private static long generationOf(BenchmarkSweep sweep) {
    Long g = sweep.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  private static List<Condition> previousConditions(BenchmarkSweep sweep) {
    return sweep.getStatus() == null || sweep.getStatus().getConditions() == null
        ? List.of()
        : sweep.getStatus().getConditions();
  }
}
