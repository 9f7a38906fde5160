package io.gridbench.runner.cli;

import io.gridbench.api.results.SweepResults;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gridbench export RESULTS.json --format jmh|csv}: a results file for other tools. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a results file on stdout for other tools: jmh is JMH's JSON result shape (one",
      "benchmark per strategy and cell, score = median seconds per cell), for CI benchmark",
      "trackers that chart JMH results; csv is one line per strategy and cell."
    })
final class ExportCommand implements Callable<Integer> {

  /** Export formats. */
  enum Format {
    jmh,
    csv
  }

  @ParentCommand GridbenchCommand parent;

  @Parameters(
      index = "0",
      paramLabel = "RESULTS",
      description = "Results JSON from gridbench run --out.")
  Path results;

  @Option(names = "--format", required = true, description = "${COMPLETION-CANDIDATES}.")
  Format format;

  @Override
  public Integer call() {
    Optional<SweepResults> read = ResultsFiles.read(results, parent.err);
    if (read.isEmpty()) {
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    switch (format) {
      case jmh ->
          parent.out.println(
              JmhResultsJson.of(read.get(), new GridbenchCommand.Version().getVersion()[0]));
      case csv -> ResultTables.printCsv(read.get(), parent.out);
    }
    return 0;
  }
}
