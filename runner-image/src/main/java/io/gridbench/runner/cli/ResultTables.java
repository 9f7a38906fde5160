package io.gridbench.runner.cli;

import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.GridAxis;
import io.gridbench.api.results.GridLayout;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints results as the seed study laid them out, or as CSV. */
final class ResultTables {
  private ResultTables() {}

  /**
   * Per strategy, the median-seconds matrix: rows and columns follow the grid's varying axes
   * (compute by payload bytes unless workers or tasks vary), the other axes' values in the title. A
   * cell whose pool had more workers than CPUs is marked with {@code *}.
   */
  static void printMatrices(SweepResults results, PrintStream out) {
    GridResults grid = GridResults.of(results.spec(), results.strategies());
    GridLayout layout = grid.layout();
    List<Long> rows = grid.rows();
    List<Long> columns = grid.columns();
    boolean anyOversubscribed = false;
    for (StrategyResult s : results.strategies()) {
      out.printf(
          Locale.ROOT,
          "%s  [%s, %s%s%s] median seconds per cell (%s)%n",
          s.name(),
          s.type(),
          s.modeLabel(),
          s.type().isSingleThreaded() || layout.hasWorkersAxis()
              ? ""
              : ", " + s.workers() + " workers",
          s.rebuild() ? ", rebuilt per cell" : "",
          fixedValues(layout));
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
      String corner = layout.rowAxis().label() + "\\" + layout.columnAxis().label();
      int labelWidth =
          Math.max(14, rows.stream().mapToInt(c -> Long.toString(c).length()).max().orElse(0) + 2);
      StringBuilder header =
          new StringBuilder(String.format(Locale.ROOT, "%" + labelWidth + "s", corner));
      for (long c : columns) {
        header.append(String.format(Locale.ROOT, " %10s", value(layout.columnAxis(), c)));
      }
      out.println(header);
      List<List<String>> medians =
          grid.matrix(
              s.name(), r -> seconds(r.stats().median()) + (r.ranOversubscribed() ? "*" : ""), "-");
      for (int r = 0; r < rows.size(); r++) {
        StringBuilder row =
            new StringBuilder(
                String.format(
                    Locale.ROOT, "%" + labelWidth + "s", value(layout.rowAxis(), rows.get(r))));
        for (String median : medians.get(r)) {
          row.append(String.format(Locale.ROOT, " %10s", median));
          anyOversubscribed |= median.endsWith("*");
        }
        out.println(row);
      }
      out.println();
    }
    if (anyOversubscribed) {
      out.printf(
          Locale.ROOT,
          "* oversubscribed: the pool had more workers than the %s CPUs it ran on.%n%n",
          results.machine() == null
              ? "available"
              : Integer.toString(results.machine().availableProcessors()));
    }
  }

  /** "64 tasks", or "compute 1000000, payload 0 B" for a grid whose other axes vary. */
  static String fixedValues(GridLayout layout) {
    List<String> parts = new java.util.ArrayList<>();
    for (Map.Entry<GridAxis, Long> e : layout.fixed().entrySet()) {
      switch (e.getKey()) {
        case COMPUTE -> parts.add("compute " + e.getValue());
        case PAYLOAD_BYTES -> parts.add("payload " + ByteSizes.human(e.getValue()));
        case WORKERS -> {
          if (layout.hasWorkersAxis()) {
            parts.add(e.getValue() + " workers");
          }
        }
        case TASKS_PER_CELL -> parts.add(e.getValue() + " tasks");
      }
    }
    return String.join(", ", parts);
  }

  /** A row or column label: bytes in binary units, other axes as numbers. */
  private static String value(GridAxis axis, long v) {
    return axis == GridAxis.PAYLOAD_BYTES ? ByteSizes.human(v) : Long.toString(v);
  }

  /**
   * One line per (strategy, cell). The median's confidence interval and the outliers (indices into
   * the samples in measurement order, separated by ';') come last, so older readers keep working.
   */
  static void printCsv(SweepResults results, PrintStream out) {
    // The column exists where some cell oversubscribed, so other runs' CSV keeps its columns.
    boolean oversubscription =
        results.strategies().stream()
            .flatMap(s -> s.cells().stream())
            .anyMatch(CellResult::ranOversubscribed);
    out.println(
        "strategy,type,mode,workers,compute,payload_bytes,tasks,n,median_s,min_s,mean_s,stddev_s,"
            + "max_s,checksum,median_ci_low_s,median_ci_high_s,median_ci_confidence,outliers,"
            + "outlier_indices"
            + (oversubscription ? ",oversubscribed" : ""));
    for (StrategyResult s : results.strategies()) {
      for (CellResult c : s.cells()) {
        out.printf(
            Locale.ROOT,
            "%s,%s,%s,%d,%d,%d,%d,%d,%.9f,%.9f,%.9f,%.9f,%.9f,%s,%.9f,%.9f,%.4f,%d,%s%s%n",
            s.name(),
            s.type(),
            s.modeLabel(),
            c.workers() != null ? c.workers() : s.workers(),
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
            c.stats().outliers().stream().map(String::valueOf).collect(Collectors.joining(";")),
            oversubscription ? "," + c.ranOversubscribed() : "");
      }
    }
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.4g", s);
  }
}
