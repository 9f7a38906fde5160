package io.gridbench.runner.cli;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.StrategyType;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints results as the seed study laid them out, or as CSV. */
final class ResultTables {
  private ResultTables() {}

  /** Per strategy, the median-seconds matrix: rows = compute, columns = payload bytes. */
  static void printMatrices(SweepResults results, PrintStream out) {
    List<Long> compute = results.spec().getGrid().getCompute().expand();
    List<Long> payload = results.spec().getGrid().getPayloadBytes().expand();
    for (StrategyResult s : results.strategies()) {
      out.printf(
          Locale.ROOT,
          "%s  [%s, %s%s%s] median seconds per cell (%d tasks)%n",
          s.name(),
          s.type(),
          s.mode().label(),
          s.type() == StrategyType.SingleThread ? "" : ", " + s.workers() + " workers",
          s.rebuild() ? ", rebuilt per cell" : "",
          results.spec().effectiveTasksPerCell());
      if (s.error() != null) {
        out.println("  FAILED: " + s.error());
      }
      if (s.actorsPerNode() != null) {
        out.println(
            "  actors per node: "
                + s.actorsPerNode().entrySet().stream()
                    .map(e -> e.getKey() + " x" + e.getValue())
                    .collect(Collectors.joining(", ")));
      }
      Map<CellKey, CellResult> byKey = new HashMap<>();
      s.cells().forEach(c -> byKey.put(c.key(), c));
      int labelWidth =
          Math.max(
              14, compute.stream().mapToInt(c -> Long.toString(c).length()).max().orElse(0) + 2);
      StringBuilder header =
          new StringBuilder(String.format(Locale.ROOT, "%" + labelWidth + "s", "compute\\payload"));
      for (long p : payload) {
        header.append(String.format(Locale.ROOT, " %10s", ByteSizes.human(p)));
      }
      out.println(header);
      for (long c : compute) {
        StringBuilder row =
            new StringBuilder(String.format(Locale.ROOT, "%" + labelWidth + "d", c));
        for (long p : payload) {
          CellResult cell = byKey.get(new CellKey(c, p));
          row.append(
              String.format(
                  Locale.ROOT, " %10s", cell == null ? "-" : seconds(cell.stats().median())));
        }
        out.println(row);
      }
      out.println();
    }
  }

  /** One line per (strategy, cell). */
  static void printCsv(SweepResults results, PrintStream out) {
    out.println(
        "strategy,type,mode,workers,compute,payload_bytes,tasks,n,median_s,min_s,mean_s,stddev_s,max_s,checksum");
    for (StrategyResult s : results.strategies()) {
      for (CellResult c : s.cells()) {
        out.printf(
            Locale.ROOT,
            "%s,%s,%s,%d,%d,%d,%d,%d,%.9f,%.9f,%.9f,%.9f,%.9f,%s%n",
            s.name(),
            s.type(),
            s.mode().label(),
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
            c.checksum());
      }
    }
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.4g", s);
  }
}
