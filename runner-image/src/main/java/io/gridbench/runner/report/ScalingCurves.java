package io.gridbench.runner.report;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.GridAxis;
import io.gridbench.api.results.GridLayout;
import io.gridbench.api.results.GridResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scaling curves of a sweep with a workers or tasks axis: per strategy, time per cell, speed-up
 * over the smallest pool and efficiency (speed-up per added worker) along the workers axis, and
 * seconds per task along the tasks axis. Where another axis varies too, the curves are taken at one
 * of its values (stated in {@link #workersAt} and {@link #tasksAt}).
 */
final class ScalingCurves {
  private final GridResults grid;
  private final GridLayout layout;
  private final int cpus;

  ScalingCurves(GridResults grid, int cpus) {
    this.grid = grid;
    this.layout = grid.layout();
    this.cpus = cpus;
  }

  /** The workers values, if the workers axis has more than one. */
  List<Long> workers() {
    return layout.values(GridAxis.WORKERS);
  }

  List<Long> tasks() {
    return layout.values(GridAxis.TASKS_PER_CELL);
  }

  boolean hasWorkerCurves() {
    return layout.hasWorkersAxis() && workers().size() > 1;
  }

  boolean hasTaskCurves() {
    return tasks().size() > 1;
  }

  /** The tasks value the worker curves are taken at: the largest, where pools have most to do. */
  long tasksAt() {
    return tasks().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /**
   * The workers value the task curves are taken at: the largest pool that fits the CPUs (else the
   * smallest), so that the per-task cost is not oversubscription's.
   */
  long workersAt() {
    List<Long> w = workers();
    long best = w.stream().mapToLong(Long::longValue).min().orElse(CellKey.STRATEGY_WORKERS);
    for (long v : w) {
      if (v <= cpus && v > best) {
        best = v;
      }
    }
    return best;
  }

  /** Median seconds per cell of {@code strategy} along the workers axis (NaN: not measured). */
  double[] timePerCell(String strategy) {
    double[] t = new double[workers().size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = median(strategy, workers().get(i), tasksAt()).orElse(Double.NaN);
    }
    return t;
  }

  /** Time at the smallest pool over time at each pool. */
  double[] speedup(String strategy) {
    double[] t = timePerCell(strategy);
    double[] s = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      s[i] = t[0] / t[i];
    }
    return s;
  }

  /** Speed-up divided by the pool's growth over the smallest pool: 1 is perfect scaling. */
  double[] efficiency(String strategy) {
    double[] s = speedup(strategy);
    double[] e = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      e[i] = s[i] / ((double) workers().get(i) / workers().get(0));
    }
    return e;
  }

  /** The ideal speed-up: the pool's growth over the smallest pool. */
  double[] idealSpeedup() {
    double[] s = new double[workers().size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = (double) workers().get(i) / workers().get(0);
    }
    return s;
  }

  /** Median seconds per task of {@code strategy} along the tasks axis. */
  double[] secondsPerTask(String strategy) {
    double[] t = new double[tasks().size()];
    for (int i = 0; i < t.length; i++) {
      long n = tasks().get(i);
      t[i] = median(strategy, workersAt(), n).orElse(Double.NaN) / n;
    }
    return t;
  }

  /**
   * Where the CPU count falls on the evenly laid out workers axis, interpolated on a log scale
   * between neighbouring values; NaN when it lies outside the axis.
   */
  double cpuMarker() {
    List<Long> w = workers();
    for (int i = 0; i < w.size(); i++) {
      if (w.get(i) == cpus) {
        return i;
      }
      if (i + 1 < w.size() && w.get(i) < cpus && cpus < w.get(i + 1)) {
        return i
            + (Math.log(cpus) - Math.log(w.get(i))) / (Math.log(w.get(i + 1)) - Math.log(w.get(i)));
      }
    }
    return Double.NaN;
  }

  int cpus() {
    return cpus;
  }

  private Optional<Double> median(String strategy, long workers, long tasks) {
    for (CellKey key : cellsAt(workers, tasks)) {
      Optional<CellResult> r = grid.cell(strategy, key);
      if (r.isPresent()) {
        return Optional.of(r.get().stats().median());
      }
    }
    return Optional.empty();
  }

  /** The cell(s) at this pool size and task count, the other axes at their first value. */
  private List<CellKey> cellsAt(long workers, long tasks) {
    List<CellKey> keys = new ArrayList<>();
    for (CellKey k : layout.cells()) {
      if (k.workers() == workers
          && k.tasks() == tasks
          && k.compute() == layout.values(GridAxis.COMPUTE).get(0)
          && k.payloadBytes() == layout.values(GridAxis.PAYLOAD_BYTES).get(0)) {
        keys.add(k);
      }
    }
    return keys;
  }
}
