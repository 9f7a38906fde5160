package io.gridbench.runner.report;

import io.gridbench.api.results.CellStats;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.results.StrategyResult;
import java.util.Locale;

/** One strategy's median seconds laid out on the grid's rows and columns. */
record StrategyMatrix(
    StrategyResult strategy, MatrixAxes axes, double[][] medians, String[][] details) {

  /** {@code strategy}'s medians (NaN where not measured) and hover texts, from {@code grid}. */
  static StrategyMatrix of(StrategyResult strategy, GridResults grid) {
    double[][] m =
        grid.matrix(strategy.name(), r -> r.stats().median(), Double.NaN).stream()
            .map(row -> row.stream().mapToDouble(Double::doubleValue).toArray())
            .toArray(double[][]::new);
    String[][] details =
        grid
            .matrix(
                strategy.name(),
                r ->
                    describe(r.stats())
                        + (r.ranOversubscribed()
                            ? ", oversubscribed (more workers than CPUs)"
                            : ""),
                "not measured")
            .stream()
            .map(row -> row.toArray(String[]::new))
            .toArray(String[][]::new);
    return new StrategyMatrix(strategy, MatrixAxes.of(grid.layout()), m, details);
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
    double[][] s = new double[medians.length][];
    for (int r = 0; r < medians.length; r++) {
      s[r] = new double[medians[r].length];
      for (int c = 0; c < medians[r].length; c++) {
        s[r][c] = baseline.medians[r][c] / medians[r][c];
      }
    }
    return s;
  }
}
