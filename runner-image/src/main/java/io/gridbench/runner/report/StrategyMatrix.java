package io.gridbench.runner.report;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One strategy's median seconds laid out on the grid: rows = compute, columns = payload. */
record StrategyMatrix(
    StrategyResult strategy, List<Long> compute, List<Long> payload, double[][] medians) {

  static StrategyMatrix of(StrategyResult strategy, List<Long> compute, List<Long> payload) {
    Map<CellKey, CellResult> byKey = new HashMap<>();
    strategy.cells().forEach(c -> byKey.put(c.key(), c));
    double[][] m = new double[compute.size()][payload.size()];
    for (int r = 0; r < compute.size(); r++) {
      for (int c = 0; c < payload.size(); c++) {
        CellResult cell = byKey.get(new CellKey(compute.get(r), payload.get(c)));
        m[r][c] = cell == null ? Double.NaN : cell.stats().median();
      }
    }
    return new StrategyMatrix(strategy, compute, payload, m);
  }

  /** This matrix divided into {@code baseline}'s: above 1 means faster than the baseline. */
  double[][] speedupOver(StrategyMatrix baseline) {
    double[][] s = new double[compute.size()][payload.size()];
    for (int r = 0; r < compute.size(); r++) {
      for (int c = 0; c < payload.size(); c++) {
        s[r][c] = baseline.medians[r][c] / medians[r][c];
      }
    }
    return s;
  }
}
