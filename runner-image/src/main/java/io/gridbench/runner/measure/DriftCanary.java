package io.gridbench.runner.measure;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellStats;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.GridAxis;
import io.gridbench.api.results.GridLayout;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.DriftCanarySpec;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Re-measures one reference cell in the driver's thread every few cells. The workload and the
 * strategy never change, so any trend in its median is the machine drifting, not the strategies.
 */
final class DriftCanary {
  private static final int FIRST_WARMUP = 10;

  private final DriftCanarySpec spec;
  private final CellWork cell;
  private final Strategy instrument;
  private final LongSupplier ticker;
  private final Clock clock;
  private final List<DriftReport.Point> points = new ArrayList<>();
  private int lastMeasuredAt = -1;

  private DriftCanary(
      DriftCanarySpec spec, CellWork cell, Strategy instrument, LongSupplier ticker, Clock clock) {
    this.spec = spec;
    this.cell = cell;
    this.instrument = instrument;
    this.ticker = ticker;
    this.clock = clock;
  }

  /**
   * The canary of {@code sweep}, measuring with {@code instrument} (the single-thread strategy in
   * production) and timing with {@code ticker}; null when the canary is switched off.
   */
  static DriftCanary of(
      BenchmarkSweepSpec sweep, Strategy instrument, LongSupplier ticker, Clock clock) {
    DriftCanarySpec spec = sweep.effectiveDriftCanary();
    if (!spec.active()) {
      return null;
    }
    CellWork cell = CellWork.prepare(cellOf(sweep), 8);
    return new DriftCanary(spec, cell, instrument, ticker, clock);
  }

  /** The canary cell: as configured, else the middle compute value with the smallest payload. */
  static CellKey cellOf(BenchmarkSweepSpec sweep) {
    DriftCanarySpec spec = sweep.effectiveDriftCanary();
    List<Long> compute = sweep.getGrid().getCompute().expand().stream().sorted().toList();
    List<Long> payload = sweep.getGrid().getPayloadBytes().expand().stream().sorted().toList();
    long c = spec.getCompute() != null ? spec.getCompute() : compute.get(compute.size() / 2);
    long p = spec.getPayloadBytes() != null ? spec.getPayloadBytes() : payload.get(0);
    // The smallest task count of a tasks axis: the canary is a probe, not a workload.
    long tasks =
        GridLayout.of(sweep).values(GridAxis.TASKS_PER_CELL).stream()
            .mapToLong(Long::longValue)
            .min()
            .orElse(sweep.effectiveTasksPerCell());
    return new CellKey(c, p, CellKey.STRATEGY_WORKERS, Math.toIntExact(tasks));
  }

  /** Measures the canary if {@code cellsDone} is due (the start, or every N cells). */
  void maybeMeasure(int cellsDone) throws StrategyException {
    if (cellsDone == 0 || cellsDone - Math.max(lastMeasuredAt, 0) >= spec.effectiveEveryCells()) {
      measure(cellsDone);
    }
  }

  /** Measures the canary a last time unless it was just measured. */
  void finish(int cellsDone) throws StrategyException {
    if (lastMeasuredAt != cellsDone) {
      measure(cellsDone);
    }
  }

  private void measure(int cellsDone) throws StrategyException {
    // A cold JIT would show as drift: warm up well before the first point, briefly before others.
    int warmup = points.isEmpty() ? FIRST_WARMUP : 1;
    for (int i = 0; i < warmup; i++) {
      instrument.runCell(cell);
    }
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < spec.effectiveRepetitions(); i++) {
      long t0 = ticker.getAsLong();
      instrument.runCell(cell);
      samples.add((ticker.getAsLong() - t0) / 1e9);
    }
    points.add(new DriftReport.Point(cellsDone, clock.instant(), CellStats.of(samples).median()));
    lastMeasuredAt = cellsDone;
  }

  DriftReport report() {
    return DriftReport.of(
        cell.compute(),
        cell.payloadBytes(),
        spec.effectiveEveryCells(),
        spec.effectiveThreshold(),
        points);
  }
}
