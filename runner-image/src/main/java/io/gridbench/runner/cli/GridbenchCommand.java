package io.gridbench.runner.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The {@code gridbench} command: runs sweeps on this machine and works as the operator's worker.
 */
@Command(
    name = "gridbench",
    mixinStandardHelpOptions = true,
    versionProvider = GridbenchCommand.Version.class,
    description = "Measures workload-distribution strategies over a compute x payload grid.",
    subcommands = {
      RunCommand.class,
      WorkerCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      ExportCommand.class,
      FetchCommand.class,
      CalibrateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GridbenchCommand {

  /** Exit status for bad input: a manifest, option or file that cannot be used. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit status when a strategy failed; the cells it measured are still reported. */
  public static final int EXIT_STRATEGY_FAILED = 1;

  /** Exit status of {@code compare --fail-on-regression} when a cell regressed beyond it. */
  public static final int EXIT_REGRESSION = 1;

  final PrintStream out;
  final PrintStream err;

  GridbenchCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the command line with the given streams; returns the exit status. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new GridbenchCommand(out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    // A value picocli cannot parse is bad input like any other: one line naming the option and
    // what it takes (its description states the range), not the whole usage text.
    cli.setParameterExceptionHandler(
        (ex, given) -> {
          if (given.length == 0) {
            // Plain `gridbench`: the list of commands is the useful answer.
            ex.getCommandLine().usage(err);
            return EXIT_BAD_INPUT;
          }
          ArgSpec arg = ex.getArgSpec();
          String what =
              arg == null || arg.renderedDescription().length == 0
                  ? ""
                  : " (" + String.join(" ", arg.renderedDescription()).strip() + ")";
          err.println(
              "gridbench: "
                  + ex.getMessage().lines().findFirst().orElse("bad arguments")
                  + what
                  + "; see '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help'.");
          return EXIT_BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          err.println("gridbench: internal error: " + ex);
          ex.printStackTrace(err);
          return 70;
        });
    return cli.execute(args);
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = GridbenchCommand.class.getPackage().getImplementationVersion();
      return new String[] {"gridbench " + (v == null ? "development" : v)};
    }
  }
}
