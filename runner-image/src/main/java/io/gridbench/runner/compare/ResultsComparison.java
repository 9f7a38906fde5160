package io.gridbench.runner.compare;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  /**
   * What counts as a change: the (corrected) p-value below {@code alpha} and the medians apart by
   * more than {@code minChange} (a fraction).
   */
  public record Settings(double alpha, double minChange, Correction correction) {}

  /**
   * One cell compared: {@code ratio} is B's median over A's (above 1: B is slower); {@code
   * adjustedP} is {@code pValue} after the comparison's correction.
   */
  public record Row(
      String strategy,
      long compute,
      long payloadBytes,
      double medianA,
      double medianB,
      double ratio,
      double pValue,
      double adjustedP,
      Verdict verdict) {

    /** The change of the median in percent: positive when B is slower. */
    public double changePercent() {
      return 100 * (ratio - 1);
    }
  }

  /**
   * The whole comparison: its rows in A's order, the geometric mean of the ratios over all rows and
   * per strategy, and whether any cell could reach significance at all.
   */
  public record Comparison(
      Settings settings,
      List<Row> rows,
      double geometricMeanRatio,
      Map<String, Double> geometricMeanRatioByStrategy,
      boolean significanceReachable) {

    public long count(Verdict verdict) {
      return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** Cells significantly slower by more than {@code percent}. */
    public List<Row> regressions(double percent) {
      return rows.stream()
          .filter(r -> r.verdict() == Verdict.slower && r.changePercent() > percent)
          .toList();
    }
  }

  private ResultsComparison() {}

  /** Compares every shared cell of {@code a} and {@code b}. */
  public static Comparison compare(SweepResults a, SweepResults b, Settings settings) {
    Map<String, StrategyResult> byName = new HashMap<>();
    b.strategies().forEach(s -> byName.put(s.name(), s));
    List<CellResult[]> pairs = new ArrayList<>();
    List<String> strategies = new ArrayList<>();
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
        pairs.add(new CellResult[] {ca, cb});
        strategies.add(sa.name());
      }
    }
    int m = pairs.size();
    double[] p = new double[m];
    boolean reachable = false;
    for (int i = 0; i < m; i++) {
      double[] sa = samples(pairs.get(i)[0]);
      double[] sb = samples(pairs.get(i)[1]);
      p[i] = MannWhitney.pValue(sa, sb);
      // The correction applied to the best p these sample counts allow: with few repetitions
      // and many cells, no difference however large can be significant, which users must know.
      double best = MannWhitney.smallestPValue(sa.length, sb.length);
      reachable |= best * (settings.correction() == Correction.holm ? m : 1) < settings.alpha();
    }
    double[] adjusted = settings.correction().adjust(p);
    List<Row> rows = new ArrayList<>(m);
    Map<String, double[]> logSums = new LinkedHashMap<>();
    double logSum = 0;
    for (int i = 0; i < m; i++) {
      CellResult ca = pairs.get(i)[0];
      CellResult cb = pairs.get(i)[1];
      double ratio = cb.stats().median() / ca.stats().median();
      Verdict verdict = Verdict.same;
      if (adjusted[i] < settings.alpha() && Math.abs(ratio - 1) > settings.minChange()) {
        verdict = ratio > 1 ? Verdict.slower : Verdict.faster;
      }
      rows.add(
          new Row(
              strategies.get(i),
              ca.compute(),
              ca.payloadBytes(),
              ca.stats().median(),
              cb.stats().median(),
              ratio,
              p[i],
              adjusted[i],
              verdict));
      logSum += Math.log(ratio);
      double[] acc = logSums.computeIfAbsent(strategies.get(i), k -> new double[2]);
      acc[0] += Math.log(ratio);
      acc[1]++;
    }
    Map<String, Double> byStrategy = new LinkedHashMap<>();
    logSums.forEach((name, acc) -> byStrategy.put(name, Math.exp(acc[0] / acc[1])));
    return new Comparison(
        settings,
        List.copyOf(rows),
        m == 0 ? Double.NaN : Math.exp(logSum / m),
        Collections.unmodifiableMap(byStrategy),
        reachable);
  }

  private static double[] samples(CellResult cell) {
    return cell.samplesSeconds().stream().mapToDouble(Double::doubleValue).toArray();
  }
}
