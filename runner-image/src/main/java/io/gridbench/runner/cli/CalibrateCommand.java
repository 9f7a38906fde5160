package io.gridbench.runner.cli;

import io.gridbench.api.results.Calibration;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.runner.measure.Calibrator;
import io.gridbench.runner.strategy.StrategyException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code gridbench calibrate}: this machine's floors for hand-off, pipes and copies. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description =
        "Measures this machine's floors: thread hand-off, pipe round trip, memcpy bandwidth.")
final class CalibrateCommand implements Callable<Integer> {

  @ParentCommand GridbenchCommand parent;

  @Option(names = "--json", description = "Print the floors as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Calibration c;
    try {
      c = new Calibrator().calibrate();
    } catch (StrategyException e) {
      parent.err.println("gridbench: calibration failed: " + e.getMessage());
      return GridbenchCommand.EXIT_STRATEGY_FAILED;
    }
    if (json) {
      parent.out.println(ResultsJson.toJson(c));
    } else {
      print(c, parent.out);
    }
    return 0;
  }

  static void print(Calibration c, java.io.PrintStream out) {
    out.printf(
        Locale.ROOT, "thread hand-off   %10.2f µs per task%n", c.threadHandoffSeconds() * 1e6);
    out.printf(
        Locale.ROOT, "pipe round trip   %10.2f µs per message%n", c.pipeRoundTripSeconds() * 1e6);
    out.printf(Locale.ROOT, "memcpy            %10.2f GB/s%n", c.memcpyBytesPerSecond() / 1e9);
  }
}
