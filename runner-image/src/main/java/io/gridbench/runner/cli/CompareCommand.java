package io.gridbench.runner.cli;

import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.SweepResults;
import io.gridbench.runner.compare.ResultsComparison;
import io.gridbench.runner.compare.ResultsComparison.Row;
import io.gridbench.runner.compare.ResultsComparison.Verdict;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gridbench compare A.json B.json}: per-cell ratios with a significance test. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compares two results files cell by cell: B's median over A's, with a two-sided",
      "Mann-Whitney U test on the samples. For regressions between runs or machines."
    })
final class CompareCommand implements Callable<Integer> {

  @ParentCommand GridbenchCommand parent;

  @Parameters(index = "0", paramLabel = "A", description = "Results JSON (before).")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Results JSON (after).")
  Path b;

  @Option(
      names = "--alpha",
      defaultValue = "0.05",
      description = "Significance level (default ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--min-change",
      defaultValue = "0.02",
      description = "Smallest relative change that counts (default ${DEFAULT-VALUE}).")
  double minChange;

  @Option(
      names = "--fail-on-regression",
      paramLabel = "FRACTION",
      description = "Exit 1 when a cell is significantly slower by more than this fraction.")
  Double failOnRegression;

  @Override
  public Integer call() {
    if (!(alpha > 0 && alpha < 1)) {
      parent.err.println(
          "gridbench: --alpha: " + alpha + " is out of range; it must be above 0 and below 1.");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    if (!(minChange >= 0)) {
      parent.err.println(
          "gridbench: --min-change: " + minChange + " is out of range; it must be 0 or more.");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    if (failOnRegression != null && !(failOnRegression >= 0)) {
      parent.err.println(
          "gridbench: --fail-on-regression: "
              + failOnRegression
              + " is out of range; it must be 0 or more (a fraction: 0.1 is 10%).");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    SweepResults ra = read(a);
    SweepResults rb = ra == null ? null : read(b);
    if (ra == null || rb == null) {
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    List<Row> rows = ResultsComparison.compare(ra, rb, alpha, minChange);
    if (rows.isEmpty()) {
      parent.err.println(
          "gridbench: " + a + " and " + b + " share no strategy and cell to compare.");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    parent.out.printf(
        Locale.ROOT,
        "%-24s %12s %10s %12s %12s %8s %8s  %s%n",
        "strategy",
        "compute",
        "payload",
        "A median",
        "B median",
        "B/A",
        "p",
        "verdict");
    int faster = 0;
    int slower = 0;
    boolean regression = false;
    for (Row r : rows) {
      parent.out.printf(
          Locale.ROOT,
          "%-24s %12d %10s %12s %12s %8.3f %8.4f  %s%n",
          r.strategy(),
          r.compute(),
          ByteSizes.human(r.payloadBytes()),
          ResultTables.seconds(r.medianA()),
          ResultTables.seconds(r.medianB()),
          r.ratio(),
          r.pValue(),
          r.verdict());
      if (r.verdict() == Verdict.faster) {
        faster++;
      } else if (r.verdict() == Verdict.slower) {
        slower++;
        if (failOnRegression != null && r.ratio() - 1 > failOnRegression) {
          regression = true;
        }
      }
    }
    parent.out.printf(
        Locale.ROOT,
        "%d cells compared: %d faster, %d slower, %d same (alpha %.3g, min change %.1f%%; with many"
            + " cells, expect about alpha x cells false alarms).%n",
        rows.size(),
        faster,
        slower,
        rows.size() - faster - slower,
        alpha,
        100 * minChange);
    return regression ? GridbenchCommand.EXIT_STRATEGY_FAILED : 0;
  }

  private SweepResults read(Path path) {
    try {
      SweepResults r = ResultsJson.read(path);
      if (r.strategies() == null) {
        parent.err.println(
            "gridbench: " + path + ": not a gridbench results file (no strategies).");
        return null;
      }
      return r;
    } catch (NoSuchFileException e) {
      parent.err.println("gridbench: " + path + ": no such file.");
    } catch (IOException e) {
      String m =
          e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("");
      parent.err.println("gridbench: " + path + ": not a gridbench results file (" + m + ").");
    }
    return null;
  }
}
