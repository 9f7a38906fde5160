package io.gridbench.runner.measure;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.CellStats;
import io.gridbench.api.results.Checksums;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.results.GridLayout;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Order;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.strategy.SingleThreadStrategy;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.workload.CellWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs strategies over the grid of a sweep and measures every cell: warm-up repetitions first
 * (discarded), then the measured ones, each sample the wall time of one {@link Strategy#runCell}.
 * Checksums are compared across repetitions and strategies; a mismatch fails the strategy.
 */
public final class SweepRunner {
  private final StrategyProvider strategies;
  private final ProgressListener listener;
  private final MachineStateSampler machine;
  private final LongSupplier ticker;
  private final Strategy canaryInstrument;
  private final Clock clock;

  public SweepRunner(StrategyProvider strategies, ProgressListener listener) {
    this(strategies, listener, new MachineStateSampler());
  }

  public SweepRunner(
      StrategyProvider strategies, ProgressListener listener, MachineStateSampler machine) {
    this(strategies, listener, machine, System::nanoTime, new SingleThreadStrategy());
  }

  /** For tests: a scripted ticker and canary instrument make drift deterministic. */
  SweepRunner(
      StrategyProvider strategies,
      ProgressListener listener,
      MachineStateSampler machine,
      LongSupplier ticker,
      Strategy canaryInstrument) {
    this.strategies = strategies;
    this.listener = listener;
    this.machine = machine;
    this.ticker = ticker;
    this.canaryInstrument = canaryInstrument;
    this.clock = Clock.systemUTC();
  }

  /** Runs {@code selected} (strategies of {@code spec}) from scratch. */
  public SweepResults run(String sweep, BenchmarkSweepSpec spec, List<StrategySpec> selected) {
    return run(sweep, spec, selected, Map.of());
  }

  /**
   * Runs {@code selected}, skipping the cells in {@code alreadyMeasured} (by strategy name): a
   * restarted worker resumes after the last recorded cell and keeps what was recorded.
   */
  public SweepResults run(
      String sweep,
      BenchmarkSweepSpec spec,
      List<StrategySpec> selected,
      Map<String, List<CellResult>> alreadyMeasured) {
    Instant started = clock.instant();
    List<CellKey> order = CellOrder.visiting(spec);
    boolean workersAxis = GridLayout.of(spec).hasWorkersAxis();
    // The kernel's own answer per cell, computed once outside any sample: every strategy is held
    // to it, so a lone strategy, or the first of several, cannot set a wrong standard.
    Map<CellKey, Long> reference = new HashMap<>();
    List<Run> runs = new ArrayList<>();
    for (StrategySpec s : selected) {
      // On a workers axis the result states the largest pool the strategy ran.
      Run run = new Run(s, workersAxis ? spec.largestWorkersFor(s) : spec.workersFor(s));
      for (CellResult prior : alreadyMeasured.getOrDefault(s.getName(), List.of())) {
        run.cells.put(prior.key(), prior);
      }
      runs.add(run);
    }
    int total = order.size() * runs.size();
    int done = runs.stream().mapToInt(r -> r.cells.size()).sum();
    Map<String, List<CellKey>> toMeasure = new LinkedHashMap<>();
    for (Run run : runs) {
      toMeasure.put(
          run.spec.getName(), order.stream().filter(k -> !run.cells.containsKey(k)).toList());
    }
    listener.runStarted(total, toMeasure);

    List<Step> schedule = schedule(spec.effectiveOrder(), runs.size(), order.size());
    int[] remaining = new int[runs.size()];
    for (Step step : schedule) {
      remaining[step.strategy()]++;
    }
    CellWork prepared = null;
    DriftCanary canary = DriftCanary.of(spec, canaryInstrument, ticker, clock);
    int measured = 0;
    try {
      canary(canary, 0, false);
      for (Step step : schedule) {
        Run run = runs.get(step.strategy());
        CellKey key = order.get(step.cell());
        remaining[step.strategy()]--;
        if (run.failed() || run.cells.containsKey(key)) {
          if (remaining[step.strategy()] == 0) {
            finish(run);
          }
          continue;
        }
        // The work, and so the checksum, does not depend on the pool size: cells that differ only
        // in workers share their prepared payloads and their reference.
        if (prepared == null || !prepared.key().equals(key.work())) {
          prepared = null; // let the previous cell's payloads go before allocating the next
          prepared = CellWork.prepare(key, spec.getGrid().effectiveResultBytes());
        }
        CellResult result = null;
        try {
          run.ensureOpen(key.hasWorkers() ? key.workers() : run.workers);
          CellWork cell = prepared;
          long expected = reference.computeIfAbsent(key.work(), k -> cell.referenceChecksum());
          result = measure(run, cell, spec, expected);
          boolean oversubscribed =
              run.strategy.sizedByWorkers() && run.openWorkers > run.strategy.cpus();
          if (key.hasWorkers() || oversubscribed) {
            result = result.onWorkers(key.hasWorkers() ? key.workers() : null, oversubscribed);
          }
        } catch (StrategyException e) {
          run.fail(e.getMessage());
          done += remaining[step.strategy()] + 1;
        } catch (RuntimeException e) {
          // A strategy's bug or a runtime's surprise fails that strategy, not the whole run: the
          // cells measured so far, and the other strategies, are kept.
          run.fail(
              "unexpected failure in cell "
                  + key
                  + ": "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null
                      ? ""
                      : ": " + e.getMessage().lines().findFirst().orElse("")));
          done += remaining[step.strategy()] + 1;
        }
        // Outside the strategy's try: a listener (a results sink) that fails ends the run, it is
        // not the strategy's failure.
        if (result != null) {
          run.cells.put(key, result);
          done++;
          measured++;
          listener.cellMeasured(run.spec, result, done, total);
          canary(canary, measured, false);
        }
        if (remaining[step.strategy()] == 0) {
          finish(run);
        }
      }
      canary(canary, measured, true);
    } finally {
      runs.forEach(Run::close);
    }
    List<StrategyResult> results = new ArrayList<>();
    List<CellKey> layout = CellOrder.layout(spec);
    for (Run run : runs) {
      results.add(run.toResult(layout));
    }
    return new SweepResults(
        SweepResults.SCHEMA_VERSION,
        sweep,
        spec,
        MachineInfo.current(),
        started,
        clock.instant(),
        results,
        canary == null ? null : canary.report(),
        null);
  }

  /** Measures the canary when due; its single-thread kernel failing would be a bug, not data. */
  private static void canary(DriftCanary canary, int measured, boolean last) {
    if (canary == null) {
      return;
    }
    try {
      if (last) {
        canary.finish(measured);
      } else {
        canary.maybeMeasure(measured);
      }
    } catch (StrategyException e) {
      throw new IllegalStateException("the drift canary failed: " + e.getMessage(), e);
    }
  }

  /** One measurement of the schedule: indexes into the strategies and into the cell order. */
  record Step(int strategy, int cell) {}

  /**
   * (strategy, cell) pairs in execution order: strategy by strategy, or for {@code interleaved}
   * cell by cell with the strategies taking turns.
   */
  static List<Step> schedule(Order order, int strategies, int cells) {
    List<Step> steps = new ArrayList<>(strategies * cells);
    if (order == Order.INTERLEAVED) {
      for (int c = 0; c < cells; c++) {
        for (int s = 0; s < strategies; s++) {
          steps.add(new Step(s, c));
        }
      }
    } else {
      for (int s = 0; s < strategies; s++) {
        for (int c = 0; c < cells; c++) {
          steps.add(new Step(s, c));
        }
      }
    }
    return steps;
  }

  private CellResult measure(Run run, CellWork cell, BenchmarkSweepSpec spec, long expected)
      throws StrategyException {
    int warmup = spec.effectiveWarmup();
    int minimum = spec.effectiveRepetitions();
    int maximum =
        spec.usesAutoRepetitions() ? spec.effectiveAutoRepetitions().effectiveMax() : minimum;
    double target = spec.effectiveAutoRepetitions().effectiveTarget();
    List<Double> samples = new ArrayList<>(minimum);
    run.strategy.stage(cell);
    Long throttleBefore = null;
    long checksum = 0;
    for (int i = 0; i < warmup + maximum; i++) {
      if (i == warmup) {
        throttleBefore = machine.throttleCount();
      }
      long t0 = ticker.getAsLong();
      long sum = run.strategy.runCell(cell);
      long t1 = ticker.getAsLong();
      if (i > 0 && sum != checksum) {
        throw new StrategyException(
            "checksum mismatch in cell "
                + cell.key()
                + ": repetitions disagree ("
                + Checksums.format(checksum)
                + " then "
                + Checksums.format(sum)
                + ")");
      }
      checksum = sum;
      if (i >= warmup) {
        samples.add((t1 - t0) / 1e9);
        if (samples.size() >= minimum && CellStats.of(samples).relativeCiWidth() <= target) {
          break;
        }
      }
    }
    if (checksum != expected) {
      throw new StrategyException(
          "checksum mismatch in cell "
              + cell.key()
              + ": strategy '"
              + run.spec.getName()
              + "' reported "
              + Checksums.format(checksum)
              + " but the kernel's reference is "
              + Checksums.format(expected)
              + "; the strategy lost or corrupted tasks");
    }
    return CellResult.of(
        cell.compute(),
        cell.payloadBytes(),
        cell.tasks(),
        checksum,
        samples,
        clock.instant(),
        machine.stateSince(throttleBefore));
  }

  private void finish(Run run) {
    if (run.finished) {
      return;
    }
    run.finished = true;
    run.close();
    run.finishedAt = clock.instant();
    listener.strategyFinished(run.toResult(null));
  }

  /** One strategy's state during a run. */
  private final class Run {
    final StrategySpec spec;
    final int workers;
    int openWorkers;
    final Map<CellKey, CellResult> cells = new LinkedHashMap<>();
    Strategy strategy;
    ExecutionMode mode;
    Map<String, Integer> actorsPerNode = Map.of();
    String error;
    Instant startedAt;
    Instant finishedAt;
    boolean finished;

    Run(StrategySpec spec, int workers) {
      this.spec = spec;
      this.workers = workers;
    }

    boolean failed() {
      return error != null;
    }

    /**
     * Opens the strategy with a pool of {@code wanted} workers, or re-sizes an open one whose pool
     * has another size (closed and opened again, outside any sample). A strategy whose pool size
     * changes nothing stays open.
     */
    void ensureOpen(int wanted) throws StrategyException {
      if (strategy != null && (openWorkers == wanted || !strategy.sizedByWorkers())) {
        return;
      }
      if (strategy == null) {
        startedAt = clock.instant();
        listener.strategyStarted(spec);
      } else {
        strategy.close();
        strategy = null;
      }
      strategy = strategies.create(spec, wanted);
      openWorkers = wanted;
      mode = strategy.mode();
      strategy.open();
      // The placement of the largest pool is the one worth stating.
      Map<String, Integer> placed = strategy.actorsPerNode();
      if (total(placed) >= total(actorsPerNode)) {
        actorsPerNode = placed;
      }
      listener.strategyReady(spec, placed == null ? Map.of() : placed);
    }

    private static int total(Map<String, Integer> perNode) {
      return perNode == null ? 0 : perNode.values().stream().mapToInt(Integer::intValue).sum();
    }

    void fail(String message) {
      error = message;
      close();
    }

    void close() {
      if (strategy != null) {
        strategy.close();
      }
    }

    /** This strategy's results, cells in {@code layoutOrder} when it is given. */
    StrategyResult toResult(List<CellKey> layoutOrder) {
      List<CellResult> list = new ArrayList<>(cells.values());
      if (layoutOrder != null) {
        Map<CellKey, Integer> index = new HashMap<>();
        for (int i = 0; i < layoutOrder.size(); i++) {
          index.put(layoutOrder.get(i), i);
        }
        list.sort(Comparator.comparingInt(c -> index.getOrDefault(c.key(), Integer.MAX_VALUE)));
      }
      return new StrategyResult(
          spec.getName(),
          spec.getType(),
          mode != null
              ? mode
              : (spec.getType().isRay() ? ExecutionMode.RAY_LOCAL : ExecutionMode.LOCAL),
          workers,
          spec.rebuildsPerCell(),
          failed() ? StrategyResult.Outcome.Failed : StrategyResult.Outcome.Succeeded,
          error,
          startedAt,
          finishedAt,
          list,
          actorsPerNode,
          null); // a local run's strategies ran on the document's machine
    }
  }
}
