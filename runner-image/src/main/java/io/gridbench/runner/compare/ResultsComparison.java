package io.gridbench.runner.compare;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Cell-by-cell comparison of two results files, for strategies and cells present in both. */
public final class ResultsComparison {

  /** How a cell changed from A to B. */
  public enum Verdict {
    faster,
    slower,
    same
  }

  /** One cell compared: {@code ratio} is B's median over A's (above 1: B is slower). */
  public record Row(
      String strategy,
      long compute,
      long payloadBytes,
      double medianA,
      double medianB,
      double ratio,
      double pValue,
      Verdict verdict) {}

  private ResultsComparison() {}

  /**
   * Compares every shared cell. A change counts only when the samples differ significantly ({@code
   * p < alpha}) and the medians by more than {@code minChange} (a fraction).
   */
  public static List<Row> compare(SweepResults a, SweepResults b, double alpha, double minChange) {
    Map<String, StrategyResult> byName = new HashMap<>();
    b.strategies().forEach(s -> byName.put(s.name(), s));
    List<Row> rows = new ArrayList<>();
    for (StrategyResult sa : a.strategies()) {
      StrategyResult sb = byName.get(sa.name());
      if (sb == null) {
        continue;
      }
      Map<CellKey, CellResult> cellsB = new HashMap<>();
      sb.cells().forEach(c -> cellsB.put(c.key(), c));
      for (CellResult ca : sa.cells()) {
        CellResult cb = cellsB.get(ca.key());
        // Cells of different task counts measure different work; a zero median has no ratio.
        if (cb == null
            || cb.tasks() != ca.tasks()
            || !(ca.stats().median() > 0)
            || !(cb.stats().median() > 0)) {
          continue;
        }
        double ratio = cb.stats().median() / ca.stats().median();
        double p =
            MannWhitney.pValue(
                ca.samplesSeconds().stream().mapToDouble(Double::doubleValue).toArray(),
                cb.samplesSeconds().stream().mapToDouble(Double::doubleValue).toArray());
        Verdict verdict = Verdict.same;
        if (p < alpha && Math.abs(ratio - 1) > minChange) {
          verdict = ratio > 1 ? Verdict.slower : Verdict.faster;
        }
        rows.add(
            new Row(
                sa.name(),
                ca.compute(),
                ca.payloadBytes(),
                ca.stats().median(),
                cb.stats().median(),
                ratio,
                p,
                verdict));
      }
    }
    return rows;
  }
}
