package io.gridbench.runner.cli;

import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints results as the seed study laid them out, or as CSV. */
final class ResultTables {
  private ResultTables() {}

  /** Per strategy, the median-seconds matrix: rows = compute, columns = payload bytes. */
  static void printMatrices(SweepResults results, PrintStream out) {
    GridResults grid = GridResults.of(results.spec(), results.strategies());
    List<Long> compute = grid.compute();
    List<Long> payload = grid.payload();
    for (StrategyResult s : results.strategies()) {
      out.printf(
          Locale.ROOT,
          "%s  [%s, %s%s%s] median seconds per cell (%d tasks)%n",
          s.name(),
          s.type(),
          s.modeLabel(),
          s.type().isSingleThreaded() ? "" : ", " + s.workers() + " workers",
          s.rebuild() ? ", rebuilt per cell" : "",
          results.spec().effectiveTasksPerCell());
      if (s.error() != null) {
        out.println("  FAILED: " + s.error());
      }
      if (s.outcome() == StrategyResult.Outcome.Incomplete) {
        out.println(
            "  INCOMPLETE: the run stopped before this strategy finished; `gridbench run --resume"
                + " --out FILE` measures the rest.");
      }
      if (s.actorsPerNode() != null) {
        out.println(
            "  actors per node: "
                + s.actorsPerNode().entrySet().stream()
                    .map(e -> e.getKey() + " x" + e.getValue())
                    .collect(Collectors.joining(", ")));
      }
      int labelWidth =
          Math.max(
              14, compute.stream().mapToInt(c -> Long.toString(c).length()).max().orElse(0) + 2);
      StringBuilder header =
          new StringBuilder(String.format(Locale.ROOT, "%" + labelWidth + "s", "compute\\payload"));
      for (long p : payload) {
        header.append(String.format(Locale.ROOT, " %10s", ByteSizes.human(p)));
      }
      out.println(header);
      List<List<String>> medians = grid.matrix(s.name(), r -> seconds(r.stats().median()), "-");
      for (int r = 0; r < compute.size(); r++) {
        StringBuilder row =
            new StringBuilder(String.format(Locale.ROOT, "%" + labelWidth + "d", compute.get(r)));
        for (String median : medians.get(r)) {
          row.append(String.format(Locale.ROOT, " %10s", median));
        }
        out.println(row);
      }
      out.println();
    }
  }

  /**
   * One line per (strategy, cell). The median's confidence interval and the outliers (indices into
   * the samples in measurement order, separated by ';') come last, so older readers keep working.
   */
  static void printCsv(SweepResults results, PrintStream out) {
    out.println(
        "strategy,type,mode,workers,compute,payload_bytes,tasks,n,median_s,min_s,mean_s,stddev_s,"
            + "max_s,checksum,median_ci_low_s,median_ci_high_s,median_ci_confidence,outliers,"
            + "outlier_indices");
    for (StrategyResult s : results.strategies()) {
      for (CellResult c : s.cells()) {
        out.printf(
            Locale.ROOT,
            "%s,%s,%s,%d,%d,%d,%d,%d,%.9f,%.9f,%.9f,%.9f,%.9f,%s,%.9f,%.9f,%.4f,%d,%s%n",
            s.name(),
            s.type(),
            s.modeLabel(),
            s.workers(),
            c.compute(),
            c.payloadBytes(),
            c.tasks(),
            c.stats().n(),
            c.stats().median(),
            c.stats().min(),
            c.stats().mean(),
            c.stats().stddev(),
            c.stats().max(),
            c.checksum(),
            c.stats().ciLow(),
            c.stats().ciHigh(),
            c.stats().ciConfidence(),
            c.stats().outliers().size(),
            c.stats().outliers().stream().map(String::valueOf).collect(Collectors.joining(";")));
      }
    }
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.4g", s);
  }
}
