package io.gridbench.runner.cli;

import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.SweepResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a results file for a command, saying in one line on stderr why it cannot. */
final class ResultsFiles {
  private ResultsFiles() {}

  static Optional<SweepResults> read(Path path, PrintStream err) {
    try {
      SweepResults r = ResultsJson.read(path);
      if (r.strategies() == null) {
        err.println("gridbench: " + path + ": not a gridbench results file (no strategies).");
        return Optional.empty();
      }
      return Optional.of(r);
    } catch (NoSuchFileException e) {
      err.println("gridbench: " + path + ": no such file.");
    } catch (IOException e) {
      String m =
          e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("");
      err.println("gridbench: " + path + ": not a gridbench results file (" + m + ").");
    }
    return Optional.empty();
  }
}
