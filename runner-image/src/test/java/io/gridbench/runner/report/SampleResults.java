package io.gridbench.runner.report;

import io.gridbench.api.results.Calibration;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Results documents with known numbers, for report and compare tests. */
public final class SampleResults {
  private SampleResults() {}

  /**
   * A 2 x 3 grid with a SingleThread strategy and a pool {@code poolFactor} times as slow, each
   * cell's samples spread around {@code base * (1 + row) * (1 + column)} seconds.
   */
  public static SweepResults of(double base, double poolFactor, boolean drifting) {
    return of(base, poolFactor, drifting, 5);
  }

  /**
   * As {@link #of(double, double, boolean)} with {@code repetitions} samples per cell: the five
   * spread factors repeated, so medians stay at {@code base * (1 + row) * (1 + column)}.
   */
  public static SweepResults of(double base, double poolFactor, boolean drifting, int repetitions) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0, 1_000_000), Axis.of(0, 1024, 1 << 20)));
    spec.setTasksPerCell(8);
    spec.getStrategies().add(new StrategySpec("single", StrategyType.SingleThread));
    spec.getStrategies().add(new StrategySpec("pool", StrategyType.ProcessPool));
    List<StrategyResult> strategies = new ArrayList<>();
    strategies.add(strategy("single", StrategyType.SingleThread, base, 1.0, repetitions));
    strategies.add(strategy("pool", StrategyType.ProcessPool, base, poolFactor, repetitions));
    List<DriftReport.Point> points =
        List.of(
            new DriftReport.Point(0, Instant.EPOCH, 0.010),
            new DriftReport.Point(3, Instant.EPOCH.plusSeconds(5), drifting ? 0.012 : 0.0101),
            new DriftReport.Point(6, Instant.EPOCH.plusSeconds(10), drifting ? 0.013 : 0.0100));
    return new SweepResults(
        1,
        "sample",
        spec,
        MachineInfo.current(),
        Instant.EPOCH,
        Instant.EPOCH.plusSeconds(10),
        strategies,
        DriftReport.of(1_000_000, 0, 3, 0.05, points),
        new Calibration(Instant.EPOCH, "host", 5e-6, 12e-6, 8e9));
  }

  /**
   * A scaling sweep on a 2-CPU machine: workers 1, 2, 4, 8 by 64, 256, 1024 tasks at one compute
   * and payload, for a thread pool that scales up to 2 workers and a single thread; the pools of 4
   * and 8 workers are flagged oversubscribed.
   */
  public static SweepResults scaling() {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    Grid grid = new Grid(Axis.of(1000), Axis.of(0));
    grid.setWorkers(Axis.of(1, 2, 4, 8));
    grid.setTasksPerCell(Axis.of(64, 256, 1024));
    spec.setGrid(grid);
    spec.getStrategies().add(new StrategySpec("pool", StrategyType.ThreadPool));
    spec.getStrategies().add(new StrategySpec("single", StrategyType.SingleThread));
    List<StrategyResult> strategies = new ArrayList<>();
    for (StrategySpec s : spec.getStrategies()) {
      List<CellResult> cells = new ArrayList<>();
      boolean pool = s.getType() == StrategyType.ThreadPool;
      for (int w : new int[] {1, 2, 4, 8}) {
        for (int t : new int[] {64, 256, 1024}) {
          double m = (1e-3 + t * 1e-5) / (pool ? Math.min(w, 2) : 1) * (pool && w > 2 ? 1.1 : 1);
          cells.add(
              CellResult.of(1000, 0, t, t, List.of(m, m * 1.01, m * 0.99), Instant.EPOCH, null)
                  .onWorkers(w, pool && w > 2));
        }
      }
      strategies.add(
          new StrategyResult(
              s.getName(),
              s.getType(),
              ExecutionMode.LOCAL,
              8,
              false,
              StrategyResult.Outcome.Succeeded,
              null,
              Instant.EPOCH,
              Instant.EPOCH,
              cells));
    }
    MachineInfo twoCpus =
        new MachineInfo(
            null, "host", 2, 1L << 33, "cpu", "Linux", "6.1", "amd64", "17", "vendor", "jvm",
            1L << 30);
    return new SweepResults(
        1,
        "scaling",
        spec,
        twoCpus,
        Instant.EPOCH,
        Instant.EPOCH.plusSeconds(10),
        strategies,
        null,
        null);
  }

  private static StrategyResult strategy(
      String name, StrategyType type, double base, double factor, int repetitions) {
    double[] spread = {0.98, 1.01, 1.0, 1.02, 0.99};
    List<CellResult> cells = new ArrayList<>();
    long[] compute = {0, 1_000_000};
    long[] payload = {0, 1024, 1 << 20};
    long checksum = 1;
    for (int r = 0; r < compute.length; r++) {
      for (int c = 0; c < payload.length; c++) {
        double m = base * factor * (1 + r) * (1 + c);
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
          samples.add(m * spread[i % spread.length]);
        }
        cells.add(
            CellResult.of(compute[r], payload[c], 8, checksum++, samples, Instant.EPOCH, null));
      }
    }
    return new StrategyResult(
        name,
        type,
        ExecutionMode.LOCAL,
        2,
        false,
        StrategyResult.Outcome.Succeeded,
        null,
        Instant.EPOCH,
        Instant.EPOCH,
        cells);
  }
}
