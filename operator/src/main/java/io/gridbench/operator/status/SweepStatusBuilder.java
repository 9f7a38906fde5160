package io.gridbench.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.GridAxis;
import io.gridbench.api.results.GridLayout;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.RayClusterPhase;
import io.gridbench.api.v1alpha1.RayClusterStatus;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.api.v1alpha1.SweepSummary;
import io.gridbench.operator.observe.JobOutcome;
import io.gridbench.operator.observe.RayClusterState;
import io.gridbench.operator.observe.StrategyFailure;
import io.gridbench.operator.observe.SweepObservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place a sweep's status is made (Keycloak's status aggregator is the model): contributions
 * first ({@code add...}: the observation, spec problems, the RayCluster, drift, an error), then one
 * {@link #build()}. Nothing edits a status after it. Pure apart from the clock, which only stamps
 * condition transitions.
 */
public final class SweepStatusBuilder {

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

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final BenchmarkSweep sweep;
  private final long generation;
  private final ConditionTransitions conditions;
  private final Instant now;
  private SweepObservation observed;
  private List<String> problems = List.of();
  private RayClusterState ray = RayClusterState.NOT_NEEDED;
  private Map<String, DriftReport> drift = Map.of();
  private ErrorClassifier.Problem error;

  /** A builder of the next status of {@code sweep}, whose current status it reads as previous. */
  public SweepStatusBuilder(BenchmarkSweep sweep, Clock clock) {
    this.sweep = sweep;
    Long g = sweep.getMetadata().getGeneration();
    this.generation = g == null ? 0 : g;
    this.now = clock.instant();
    this.conditions = new ConditionTransitions(previousConditions(), generation, now);
  }

  /** Whether status carries per-cell matrices for {@code results}, or only counts. */
  public static boolean carriesMatrices(GridResults results) {
    return (long) results.cellsPerStrategy() * (2L * results.strategies().size() + 1)
        <= MAX_MATRIX_ENTRIES;
  }

  /** The sweep as observed: plan, Jobs, failures and results. */
  public SweepStatusBuilder addObservation(SweepObservation observation) {
    this.observed = observation;
    return this;
  }

  /** Problems of a spec that has not started: the sweep fails until the spec is fixed. */
  public SweepStatusBuilder addInvalidSpec(List<String> specProblems) {
    this.problems = List.copyOf(specProblems);
    return this;
  }

  /** Where the RayCluster stands; unavailable, it fails the Ray strategies that have no Job. */
  public SweepStatusBuilder addRayCluster(RayClusterState state) {
    this.ray = state;
    return this;
  }

  /** The workers' drift canary reports, by strategy name. */
  public SweepStatusBuilder addDrift(Map<String, DriftReport> reports) {
    this.drift = Map.copyOf(reports);
    return this;
  }

  /**
   * A reconcile that failed with {@code problem}: without an observation, everything else of the
   * previous status is carried forward as it was.
   */
  public SweepStatusBuilder addError(ErrorClassifier.Problem problem) {
    this.error = problem;
    return this;
  }

  /** The status the contributions call for. */
  public BenchmarkSweepStatus build() {
    BenchmarkSweepStatus status;
    if (observed == null) {
      status = carriedForward();
    } else {
      status = new BenchmarkSweepStatus();
      status.setObservedGeneration(generation);
      if (!problems.isEmpty()) {
        invalid(status);
      } else if (observed.plan().isEmpty()) {
        pending(status);
      } else {
        running(status, observed.plan().get());
      }
      rayCluster(status);
    }
    if (error != null) {
      conditions.set(Reasons.DEGRADED, true, error.reason(), error.message());
    }
    status.setConditions(conditions.build());
    return status;
  }

  /** The previous status, whole, with every condition kept (an error replaces Degraded). */
  private BenchmarkSweepStatus carriedForward() {
    BenchmarkSweepStatus previous = sweep.getStatus();
    BenchmarkSweepStatus status =
        previous == null ? new BenchmarkSweepStatus() : JSON.clone(previous);
    status.setObservedGeneration(generation);
    for (Condition c : previousConditions()) {
      conditions.set(c.getType(), "True".equals(c.getStatus()), c.getReason(), c.getMessage());
    }
    return status;
  }

  private void invalid(BenchmarkSweepStatus status) {
    String message = "The spec is invalid: " + String.join(" ", problems);
    status.setPhase(SweepPhase.Failed);
    conditions
        .set(Reasons.SPEC_APPLIED, false, Reasons.INVALID_SPEC, message)
        .set(Reasons.READY, false, Reasons.INVALID_SPEC, message)
        .set(
            Reasons.PROGRESSING,
            false,
            Reasons.INVALID_SPEC,
            "No Job was created: fix the spec to start the sweep.")
        .set(Reasons.DEGRADED, true, Reasons.INVALID_SPEC, message)
        // Finished as far as a script waiting on it is concerned: nothing runs until it is fixed.
        .set(Reasons.COMPLETE, true, Reasons.INVALID_SPEC, message);
  }

  private void pending(BenchmarkSweepStatus status) {
    status.setPhase(SweepPhase.Pending);
    String waiting = "The sweep has not started yet.";
    conditions
        .set(Reasons.SPEC_APPLIED, true, Reasons.SPEC_APPLIED_REASON, waiting)
        .set(Reasons.READY, false, Reasons.WAITING_TO_START, waiting)
        .set(Reasons.PROGRESSING, true, Reasons.WAITING_TO_START, waiting)
        .set(Reasons.DEGRADED, false, Reasons.NO_FAILURES, "No strategy has failed.")
        .set(Reasons.COMPLETE, false, Reasons.WAITING_TO_START, waiting);
  }

  private void running(BenchmarkSweepStatus status, SweepPlan plan) {
    GridResults results = observed.results();
    boolean matrices = carriesMatrices(results);
    List<StrategyStatus> strategies = new ArrayList<>();
    for (StrategySpec spec : plan.spec().getStrategies()) {
      strategies.add(strategyStatus(plan, spec, results, matrices));
    }
    status.setAppliedGeneration(plan.generation());
    status.setStrategies(strategies);
    int done = strategies.stream().mapToInt(StrategyStatus::getCellsDone).sum();
    int total = results.cellsPerStrategy() * strategies.size();
    status.setCellsDone(done);
    status.setCellsTotal(total);
    status.setProgress(done + "/" + total);
    status.setSummary(summary(plan, results, matrices));

    List<StrategyStatus> failed =
        strategies.stream().filter(s -> s.getPhase() == StrategyPhase.Failed).toList();
    long finished = strategies.stream().filter(s -> s.getPhase().isFinished()).count();
    boolean allFinished = finished == strategies.size();
    boolean anyStarted = strategies.stream().anyMatch(s -> s.getPhase() != StrategyPhase.Pending);
    specApplied(plan);
    if (allFinished) {
      SweepPhase phase =
          failed.isEmpty()
              ? SweepPhase.Succeeded
              : failed.size() == strategies.size()
                  ? SweepPhase.Failed
                  : SweepPhase.PartiallySucceeded;
      status.setPhase(phase);
      String reason =
          phase == SweepPhase.Succeeded
              ? Reasons.ALL_STRATEGIES_SUCCEEDED
              : phase == SweepPhase.Failed
                  ? Reasons.ALL_STRATEGIES_FAILED
                  : Reasons.SOME_STRATEGIES_FAILED;
      String message =
          phase == SweepPhase.Succeeded
              ? "Every strategy succeeded."
              : phase == SweepPhase.Failed
                  ? "Every strategy failed."
                  : failed.size() + " of " + strategies.size() + " strategies failed.";
      conditions
          .set(
              Reasons.PROGRESSING,
              false,
              Reasons.SWEEP_FINISHED,
              "All " + strategies.size() + " strategies finished.")
          .set(Reasons.READY, phase != SweepPhase.Failed, reason, message)
          .set(Reasons.COMPLETE, true, reason, message);
    } else {
      status.setPhase(anyStarted ? SweepPhase.Running : SweepPhase.Pending);
      List<String> running =
          strategies.stream()
              .filter(s -> s.getPhase() == StrategyPhase.Running)
              .map(s -> s.getName() + " (" + s.getCellsDone() + "/" + s.getCellsTotal() + " cells)")
              .toList();
      String progress = finished + " of " + strategies.size() + " strategies finished.";
      List<String> stuck =
          strategies.stream()
              .filter(
                  s ->
                      s.getPhase() == StrategyPhase.Running
                          && Reasons.UNSCHEDULABLE.equals(s.getReason()))
              .map(s -> s.getName() + ": " + s.getMessage())
              .toList();
      if (stuck.isEmpty()) {
        conditions.set(
            Reasons.PROGRESSING,
            true,
            running.isEmpty() ? Reasons.WAITING_TO_START : Reasons.STRATEGY_RUNNING,
            running.isEmpty()
                ? "The next strategy is about to start."
                : "Running " + String.join(", ", running) + ".");
      } else {
        // Progressing stays True: the sweep goes on once a node can take the pod, and a wait on
        // Progressing=False (or Complete=True) keeps meaning "ended".
        conditions.set(
            Reasons.PROGRESSING,
            true,
            Reasons.WORKER_UNSCHEDULABLE,
            "Waiting for a node: "
                // The scheduler's message ends with its own period.
                + String.join("; ", stuck).replaceFirst("\\.$", "")
                + ". "
                + unschedulableAdvice(plan)
                + " The sweep goes on once the pod is placed.");
      }
      conditions
          .set(Reasons.READY, false, Reasons.STRATEGIES_RUNNING, progress)
          .set(Reasons.COMPLETE, false, Reasons.STRATEGIES_RUNNING, progress);
    }
    times(status, strategies, allFinished);
    degraded(failed);
    drifting(strategies);
    mixedMachines(plan);
  }

  /**
   * The MixedMachines condition, once a worker recorded its machine: True when the strategies ran
   * on more than one node or CPU model, naming where each ran.
   */
  private void mixedMachines(SweepPlan plan) {
    Map<String, MachineInfo> machines = observed.machines();
    if (machines.isEmpty()) {
      return;
    }
    List<String> names =
        plan.spec().getStrategies().stream()
            .map(StrategySpec::getName)
            .filter(machines::containsKey)
            .toList();
    MachineInfo first = machines.get(names.get(0));
    boolean mixed = names.stream().anyMatch(n -> !machines.get(n).sameMachineAs(first));
    if (mixed) {
      conditions.set(
          Reasons.MIXED_MACHINES,
          true,
          Reasons.STRATEGIES_ON_DIFFERENT_MACHINES,
          "Strategies ran on different machines, so comparing them compares the machines too: "
              + names.stream()
                  .map(n -> n + " on " + machines.get(n).describe())
                  .collect(Collectors.joining(", "))
              + ". Pin the sweep's pods with spec.placement (e.g. a nodeSelector on"
              + " kubernetes.io/hostname or a CPU model label).");
    } else {
      conditions.set(
          Reasons.MIXED_MACHINES,
          false,
          Reasons.SAME_MACHINE,
          "Every strategy measured so far ran on " + first.describe() + ".");
    }
  }

  /**
   * What to change when a worker pod fits no node. On a workers axis a local strategy's Job asks a
   * CPU per worker of its largest pool, so the axis is the likelier cause than the chart's size.
   */
  private static String unschedulableAdvice(SweepPlan plan) {
    boolean workersAxis =
        plan.spec().getGrid() != null && plan.spec().getGrid().getWorkers() != null;
    String chart =
        "give the workers less CPU or memory (the chart's runner.cpu and runner.memory) or the"
            + " cluster a bigger node.";
    return workersAxis
        ? "On spec.grid.workers a local strategy's Job asks one CPU per worker of its largest"
            + " pool: lower the axis's largest value to the CPUs a node offers, or "
            + chart
        : "Give" + chart.substring("give".length());
  }

  /**
   * Sweep start: the first Job's start; completion: the last strategy's finish, else the moment the
   * Complete condition turned True. Both derived from what is observed, so recomputing is stable.
   */
  private void times(BenchmarkSweepStatus status, List<StrategyStatus> strategies, boolean done) {
    Optional<Instant> start =
        strategies.stream()
            .map(s -> instant(s.getStartTime()))
            .flatMap(Optional::stream)
            .min(Instant::compareTo);
    start.ifPresent(s -> status.setStartTime(s.toString()));
    if (!done) {
      return;
    }
    Optional<Instant> end =
        strategies.stream()
            .map(s -> instant(s.getFinishTime()))
            .flatMap(Optional::stream)
            .max(Instant::compareTo)
            .or(() -> conditions.transitionTime(Reasons.COMPLETE).flatMap(t -> instant(t)));
    end.ifPresent(e -> status.setCompletionTime(e.toString()));
    if (start.isPresent() && end.isPresent()) {
      status.setDuration(human(Duration.between(start.get(), end.get())));
    }
  }

  private StrategyStatus strategyStatus(
      SweepPlan plan, StrategySpec spec, GridResults results, boolean matrices) {
    String name = spec.getName();
    StrategyStatus s = new StrategyStatus();
    s.setName(name);
    s.setType(spec.getType());
    s.setCellsDone(results.measured(name));
    s.setCellsTotal(results.cellsPerStrategy());
    if (results.measured(name) > 0) {
      s.setResultsConfigMap(ChildNames.resultsConfigMap(plan.sweep(), name, 0));
    }
    JobOutcome job = observed.jobs().get(name);
    if (job == null) {
      if (spec.getType() != null
          && spec.getType().isRay()
          && ray.phase() == RayClusterState.Phase.UNAVAILABLE) {
        // Never got a Job: its cluster is unavailable for good.
        s.setPhase(StrategyPhase.Failed);
        s.setReason(ray.reason());
        s.setMessage(ray.message());
      } else {
        s.setPhase(StrategyPhase.Pending);
      }
    } else {
      s.setJobName(job.jobName());
      s.setStartTime(job.startTime());
      s.setFinishTime(job.finishTime());
      switch (job.state()) {
        case SUCCEEDED -> s.setPhase(StrategyPhase.Succeeded);
        case FAILED -> {
          s.setPhase(StrategyPhase.Failed);
          StrategyFailure why = observed.failures().get(name);
          if (why != null) {
            s.setReason(why.reason());
            s.setMessage(why.message());
          }
        }
        case RUNNING -> {
          s.setPhase(StrategyPhase.Running);
          String scheduler = observed.unschedulable().get(name);
          if (scheduler != null) {
            s.setReason(Reasons.UNSCHEDULABLE);
            s.setMessage("the worker pod cannot be scheduled: " + scheduler);
          }
        }
      }
    }
    // A strategy that measured nothing yet would only add a matrix of -1 to the object.
    if (matrices && results.measured(name) > 0) {
      s.setMedianSeconds(results.matrix(name, r -> r.stats().median(), NOT_MEASURED));
      s.setRelativeSpread(results.matrix(name, r -> r.stats().relativeSpread(), NOT_MEASURED));
    }
    MachineInfo machine = observed.machines().get(name);
    if (machine != null) {
      s.setNode(machine.node());
      s.setCpuModel(machine.cpuModel());
    }
    DriftReport report = drift.get(name);
    if (report != null) {
      s.setCanaryDriftPercent(Math.round(1000 * report.maxRelativeDrift()) / 10.0);
    }
    return s;
  }

  private void specApplied(SweepPlan plan) {
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

  private void degraded(List<StrategyStatus> failed) {
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
  }

  /** The Drifting condition, once a worker reported its canary. */
  private void drifting(List<StrategyStatus> strategies) {
    if (drift.isEmpty()) {
      return;
    }
    List<String> drifting = new ArrayList<>();
    for (StrategyStatus s : strategies) {
      DriftReport report = drift.get(s.getName());
      if (report != null && report.drifting()) {
        drifting.add(
            String.format(
                Locale.ROOT,
                "%s moved %.1f%% (threshold %.0f%%)",
                s.getName(),
                s.getCanaryDriftPercent(),
                100 * report.threshold()));
      }
    }
    if (drifting.isEmpty()) {
      conditions.set(
          Reasons.DRIFTING,
          false,
          Reasons.CANARY_STEADY,
          "The drift canary stayed within its threshold in every worker.");
    } else {
      conditions.set(
          Reasons.DRIFTING,
          true,
          Reasons.CANARY_DRIFTED,
          "The machine drifted while measuring; differences may be drift, not the strategies: "
              + String.join("; ", drifting)
              + ".");
    }
  }

  /** The RayCluster condition and typed record, on sweeps with Ray strategies only. */
  private void rayCluster(BenchmarkSweepStatus status) {
    if (ray.phase() == RayClusterState.Phase.NOT_NEEDED) {
      return;
    }
    boolean ready =
        ray.phase() == RayClusterState.Phase.READY || Reasons.RAY_CLUSTER_KEPT.equals(ray.reason());
    conditions.set(Reasons.RAY_CLUSTER, ready, ray.reason(), ray.message());
    status.setRayCluster(
        new RayClusterStatus(ray.cluster(), phaseOf(ray.phase()), ray.reason(), ray.message()));
  }

  private static RayClusterPhase phaseOf(RayClusterState.Phase phase) {
    return switch (phase) {
      case WAITING -> RayClusterPhase.Waiting;
      case READY -> RayClusterPhase.Ready;
      case UNAVAILABLE -> RayClusterPhase.Unavailable;
      case RELEASED, NOT_NEEDED -> RayClusterPhase.Released;
    };
  }

  private static SweepSummary summary(SweepPlan plan, GridResults results, boolean matrices) {
    SweepSummary summary = new SweepSummary();
    GridLayout layout = results.layout();
    summary.setCompute(layout.values(GridAxis.COMPUTE));
    summary.setPayloadBytes(layout.values(GridAxis.PAYLOAD_BYTES));
    // The new axes and a layout other than compute by payload appear only where a sweep uses them,
    // so the status of every other sweep keeps its shape.
    if (plan.spec().getGrid().getWorkers() != null) {
      summary.setWorkers(layout.values(GridAxis.WORKERS));
    }
    if (plan.spec().getGrid().getTasksPerCell() != null) {
      summary.setTasksPerCell(layout.values(GridAxis.TASKS_PER_CELL));
    }
    if (layout.rowAxis() != GridAxis.COMPUTE || layout.columnAxis() != GridAxis.PAYLOAD_BYTES) {
      summary.setRows(layout.rowAxis().field());
      summary.setColumns(layout.columnAxis().field());
    }
    if (matrices) {
      summary.setFastestPerCell(results.fastestPerCell(NO_MEASUREMENT));
    } else {
      summary.setNote(
          "The grid has "
              + results.cellsPerStrategy()
              + " cells and "
              + results.strategies().size()
              + " strategies: too many matrices for status. Per-cell results are in the"
              + " ConfigMaps labelled gridbench.io/sweep="
              + plan.sweep()
              + ".");
    }
    results
        .leader()
        .ifPresent(
            l ->
                summary.setFastest(
                    l.strategy() + " (" + l.wins() + "/" + l.compared() + " cells)"));
    return summary;
  }

  /** A duration as kubectl shows one: 45s, 4m12s, 37m, 5h3m. */
  static String human(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 600) {
      return (s / 60) + "m" + (s % 60) + "s";
    }
    if (s < 3 * 3600) {
      return (s / 60) + "m";
    }
    return (s / 3600) + "h" + (s % 3600 / 60) + "m";
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private List<Condition> previousConditions() {
    return sweep.getStatus() == null || sweep.getStatus().getConditions() == null
        ? List.of()
        : sweep.getStatus().getConditions();
  }
}
