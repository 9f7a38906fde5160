package io.gridbench.runner.cli;

import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.SweepResults;
import io.gridbench.runner.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gridbench report RESULTS.json --out DIR}: an offline HTML page plus chart files. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Draws a results file as a self-contained HTML page with PNG/SVG charts.")
final class ReportCommand implements Callable<Integer> {

  @ParentCommand GridbenchCommand parent;

  @Parameters(
      index = "0",
      paramLabel = "RESULTS",
      description = "Results JSON from gridbench run --out.")
  Path results;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write into.")
  Path out;

  @Override
  public Integer call() {
    SweepResults read;
    try {
      read = ResultsJson.read(results);
    } catch (NoSuchFileException e) {
      parent.err.println("gridbench: " + results + ": no such file.");
      return GridbenchCommand.EXIT_BAD_INPUT;
    } catch (IOException e) {
      parent.err.println(
          "gridbench: "
              + results
              + ": not a gridbench results file ("
              + firstLine(e.getMessage())
              + ").");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    if (read.spec() == null || read.spec().getGrid() == null || read.strategies() == null) {
      parent.err.println(
          "gridbench: " + results + ": not a gridbench results file (no spec or strategies).");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      parent.err.println("gridbench: --out: " + out + " is a file; give a directory.");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    try {
      HtmlReport.Written written = new HtmlReport(read).write(out);
      parent.err.println(
          "gridbench: report written to "
              + written.page()
              + " ("
              + written.charts().size()
              + " chart files)");
      return 0;
    } catch (IOException e) {
      parent.err.println(
          "gridbench: --out: cannot write into " + out + " (" + e.getMessage() + ").");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
