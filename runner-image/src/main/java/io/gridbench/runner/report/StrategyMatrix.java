package io.gridbench.runner.report;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.CellStats;
import io.gridbench.api.results.StrategyResult;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One strategy's median seconds laid out on the grid: rows = compute, columns = payload. */
record StrategyMatrix(
    StrategyResult strategy,
    List<Long> compute,
    List<Long> payload,
    double[][] medians,
    String[][] details) {

  static StrategyMatrix of(StrategyResult strategy, List<Long> compute, List<Long> payload) {
    Map<CellKey, CellResult> byKey = new HashMap<>();
    strategy.cells().forEach(c -> byKey.put(c.key(), c));
    double[][] m = new double[compute.size()][payload.size()];
    String[][] details = new String[compute.size()][payload.size()];
    for (int r = 0; r < compute.size(); r++) {
      for (int c = 0; c < payload.size(); c++) {
        CellResult cell = byKey.get(new CellKey(compute.get(r), payload.get(c)));
        m[r][c] = cell == null ? Double.NaN : cell.stats().median();
        details[r][c] = cell == null ? "not measured" : describe(cell.stats());
      }
    }
    return new StrategyMatrix(strategy, compute, payload, m, details);
  }

  /** "median 4.72 ms, 94% CI 4.61 ms – 4.90 ms, n = 5, 1 outlier": a cell's hover text. */
  private static String describe(CellStats s) {
    return String.format(
        Locale.ROOT,
        "median %s, %.0f%% CI %s – %s, n = %d%s",
        Units.seconds(s.median()),
        100 * s.ciConfidence(),
        Units.seconds(s.ciLow()),
        Units.seconds(s.ciHigh()),
        s.n(),
        s.outliers().isEmpty()
            ? ""
            : ", " + s.outliers().size() + (s.outliers().size() == 1 ? " outlier" : " outliers"));
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
