package io.gridbench.runner.cli;

import io.gridbench.api.results.SweepResults;
import io.gridbench.runner.compare.Correction;
import io.gridbench.runner.compare.ResultsComparison;
import io.gridbench.runner.compare.ResultsComparison.Comparison;
import io.gridbench.runner.compare.ResultsComparison.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gridbench compare A.json B.json}: per-cell ratios with a corrected significance test. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compares two results files cell by cell: B's median over A's, with a",
      "two-sided Mann-Whitney U test on the samples, Holm-corrected over the",
      "cells, and the geometric mean of the ratios. For regressions between runs",
      "or machines.",
      "",
      "Exit status: 0 compared (no cell beyond --fail-on-regression); 1 a cell is",
      "significantly slower by more than --fail-on-regression percent; 2 bad input."
    })
final class CompareCommand implements Callable<Integer> {

  /** Output formats of the comparison on stdout. */
  enum Format {
    text,
    json,
    csv,
    markdown
  }

  @ParentCommand GridbenchCommand parent;

  @Parameters(index = "0", paramLabel = "A", description = "Results JSON (before).")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Results JSON (after).")
  Path b;

  @Option(
      names = "--alpha",
      defaultValue = "0.05",
      description = "Significance level, above 0 and below 1 (default ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--min-change",
      defaultValue = "0.02",
      description = "Smallest relative change that counts, a fraction (default ${DEFAULT-VALUE}).")
  double minChange;

  @Option(
      names = "--correction",
      defaultValue = "holm",
      description =
          "Multiple-testing correction over the cells: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}).")
  Correction correction;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--fail-on-regression",
      paramLabel = "PERCENT",
      description =
          "Exit 1 when a cell is significantly slower by more than PERCENT (0 or more; 10 means"
              + " 10%% slower).")
  Double failOnRegression;

  @Override
  public Integer call() {
    if (!(alpha > 0 && alpha < 1)) {
      return badOption("--alpha", alpha, "it must be above 0 and below 1");
    }
    if (!(minChange >= 0 && Double.isFinite(minChange))) {
      return badOption("--min-change", minChange, "it must be 0 or more (a fraction: 0.02 is 2%)");
    }
    if (failOnRegression != null && !(failOnRegression >= 0 && Double.isFinite(failOnRegression))) {
      return badOption(
          "--fail-on-regression",
          failOnRegression,
          "it must be a percentage, 0 or more (10 means 10% slower)");
    }
    SweepResults ra = read(a);
    SweepResults rb = ra == null ? null : read(b);
    if (ra == null || rb == null) {
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    Comparison comparison =
        ResultsComparison.compare(
            ra, rb, new ResultsComparison.Settings(alpha, minChange, correction));
    if (comparison.rows().isEmpty()) {
      parent.err.println(
          "gridbench: " + a + " and " + b + " share no strategy and cell to compare.");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    ComparisonPrinter printer = new ComparisonPrinter(comparison, a, b, failOnRegression);
    switch (format) {
      case text -> printer.text(parent.out);
      case json -> printer.json(parent.out);
      case csv -> printer.csv(parent.out);
      case markdown -> printer.markdown(parent.out);
    }
    if (!comparison.significanceReachable()) {
      parent.err.println(
          "gridbench: warning: with these sample counts no cell can reach p < "
              + alpha
              + (correction == Correction.holm
                  ? " after Holm's correction over " + comparison.rows().size() + " cells"
                  : "")
              + "; measure more repetitions.");
    }
    if (failOnRegression == null) {
      return 0;
    }
    List<Row> regressions = comparison.regressions(failOnRegression);
    if (regressions.isEmpty()) {
      return 0;
    }
    parent.err.println(
        String.format(
            Locale.ROOT,
            "gridbench: %d of %d cells significantly slower by more than %s%%: %s",
            regressions.size(),
            comparison.rows().size(),
            ComparisonPrinter.number(failOnRegression),
            regressions.stream()
                    .limit(3)
                    .map(
                        r ->
                            String.format(
                                Locale.ROOT,
                                "%s compute=%d payload=%s %+.1f%%",
                                r.strategy(),
                                r.compute(),
                                ByteSizes.human(r.payloadBytes()),
                                r.changePercent()))
                    .collect(Collectors.joining(", "))
                + (regressions.size() > 3 ? " and " + (regressions.size() - 3) + " more" : "")
                + "."));
    return GridbenchCommand.EXIT_REGRESSION;
  }

  private int badOption(String option, double value, String range) {
    parent.err.println("gridbench: " + option + ": " + value + " is out of range; " + range + ".");
    return GridbenchCommand.EXIT_BAD_INPUT;
  }

  private SweepResults read(Path path) {
    return ResultsFiles.read(path, parent.err).orElse(null);
  }
}
