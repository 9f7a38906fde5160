package io.gridbench.runner.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.runner.compare.Correction;
import io.gridbench.runner.compare.ResultsComparison.Comparison;
import io.gridbench.runner.compare.ResultsComparison.Row;
import io.gridbench.runner.compare.ResultsComparison.Verdict;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints one comparison as an aligned table, JSON, CSV or a Markdown table. */
final class ComparisonPrinter {
  private final Comparison comparison;
  private final Path a;
  private final Path b;
  private final Double failOnRegression;

  ComparisonPrinter(Comparison comparison, Path a, Path b, Double failOnRegression) {
    this.comparison = comparison;
    this.a = a;
    this.b = b;
    this.failOnRegression = failOnRegression;
  }

  void text(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%-24s %12s %10s %12s %12s %8s %8s %8s  %s%n",
        "strategy",
        "compute",
        "payload",
        "A median",
        "B median",
        "B/A",
        "p",
        "p adj",
        "verdict");
    for (Row r : comparison.rows()) {
      out.printf(
          Locale.ROOT,
          "%-24s %12d %10s %12s %12s %8.3f %8.4f %8.4f  %s%n",
          r.strategy(),
          r.compute(),
          ByteSizes.human(r.payloadBytes()),
          ResultTables.seconds(r.medianA()),
          ResultTables.seconds(r.medianB()),
          r.ratio(),
          r.pValue(),
          r.adjustedP(),
          r.verdict());
    }
    out.println(summary());
    out.println(geometricMeans());
  }

  void markdown(PrintStream out) {
    out.println(
        "| strategy | compute | payload | A median (s) | B median (s) | B/A | p | p adj | verdict |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Row r : comparison.rows()) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %s | %s | %s | %.3f | %.4f | %.4f | %s |%n",
          r.strategy().replace("|", "\\|"),
          r.compute(),
          ByteSizes.human(r.payloadBytes()),
          ResultTables.seconds(r.medianA()),
          ResultTables.seconds(r.medianB()),
          r.ratio(),
          r.pValue(),
          r.adjustedP(),
          r.verdict() == Verdict.same ? "same" : "**" + r.verdict() + "**");
    }
    out.println();
    out.println(summary());
    out.println();
    out.println(geometricMeans());
  }

  void csv(PrintStream out) {
    out.println(
        "strategy,compute,payload_bytes,median_a_s,median_b_s,ratio,change_percent,p,p_adjusted,verdict");
    for (Row r : comparison.rows()) {
      out.printf(
          Locale.ROOT,
          "%s,%d,%d,%.9g,%.9g,%.6f,%.3f,%.6g,%.6g,%s%n",
          csvField(r.strategy()),
          r.compute(),
          r.payloadBytes(),
          r.medianA(),
          r.medianB(),
          r.ratio(),
          r.changePercent(),
          r.pValue(),
          r.adjustedP(),
          r.verdict());
    }
  }

  void json(PrintStream out) {
    ObjectNode root = ResultsJson.mapper().createObjectNode();
    root.put("a", a.toString());
    root.put("b", b.toString());
    root.put("alpha", comparison.settings().alpha());
    root.put("minChange", comparison.settings().minChange());
    root.put("correction", comparison.settings().correction().name());
    if (failOnRegression != null) {
      root.put("failOnRegressionPercent", failOnRegression);
      root.put("regressions", comparison.regressions(failOnRegression).size());
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("cells", comparison.rows().size());
    summary.put("faster", comparison.count(Verdict.faster));
    summary.put("slower", comparison.count(Verdict.slower));
    summary.put("same", comparison.count(Verdict.same));
    summary.put("geometricMeanRatio", comparison.geometricMeanRatio());
    ObjectNode byStrategy = summary.putObject("geometricMeanRatioByStrategy");
    comparison.geometricMeanRatioByStrategy().forEach(byStrategy::put);
    summary.put("significanceReachable", comparison.significanceReachable());
    ArrayNode cells = root.putArray("cells");
    for (Row r : comparison.rows()) {
      ObjectNode c = cells.addObject();
      c.put("strategy", r.strategy());
      c.put("compute", r.compute());
      c.put("payloadBytes", r.payloadBytes());
      c.put("medianASeconds", r.medianA());
      c.put("medianBSeconds", r.medianB());
      c.put("ratio", r.ratio());
      c.put("changePercent", r.changePercent());
      c.put("pValue", r.pValue());
      c.put("adjustedPValue", r.adjustedP());
      c.put("verdict", r.verdict().name());
    }
    out.println(ResultsJson.toJson(root));
  }

  private String summary() {
    int cells = comparison.rows().size();
    String test =
        comparison.settings().correction() == Correction.holm
            ? "Holm-corrected over " + cells + " cells"
            : "no correction: with many cells, expect about alpha x cells false alarms";
    return String.format(
        Locale.ROOT,
        "%d cells compared: %d faster, %d slower, %d same (alpha %s, min change %s%%; %s).",
        cells,
        comparison.count(Verdict.faster),
        comparison.count(Verdict.slower),
        comparison.count(Verdict.same),
        number(comparison.settings().alpha()),
        number(100 * comparison.settings().minChange()),
        test);
  }

  private String geometricMeans() {
    return String.format(
        Locale.ROOT,
        "Geometric mean of B/A: %.3f over all cells; %s.",
        comparison.geometricMeanRatio(),
        comparison.geometricMeanRatioByStrategy().entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", ")));
  }

  /** A number without trailing zeros: 10 for 10.0, 0.05 for 0.05. */
  static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
