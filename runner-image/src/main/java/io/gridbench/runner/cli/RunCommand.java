package io.gridbench.runner.cli;

import io.gridbench.api.manifest.ManifestException;
import io.gridbench.api.manifest.ManifestReader;
import io.gridbench.api.manifest.SweepManifest;
import io.gridbench.api.results.Calibration;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.measure.Calibrator;
import io.gridbench.runner.measure.ProgressListener;
import io.gridbench.runner.measure.SweepRunner;
import io.gridbench.runner.strategy.LocalStrategies;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.python.PythonInterpreter;
import io.gridbench.runner.strategy.python.PythonUnavailableException;
import io.gridbench.runner.strategy.ray.RaySession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gridbench run MANIFEST}: every strategy of the sweep over its grid, on this machine. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs a BenchmarkSweep manifest on this machine and prints the results.")
final class RunCommand implements Callable<Integer> {

  /** Output formats of the results on stdout. */
  enum Format {
    table,
    json,
    csv
  }

  @ParentCommand GridbenchCommand parent;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MANIFEST", description = "BenchmarkSweep YAML file.")
  Path manifest;

  @Option(
      names = "--strategy",
      paramLabel = "NAME",
      description = "Run only this strategy (repeatable); default: all, in manifest order.")
  List<String> strategyNames = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Also write the results JSON here, kept up to date as cells finish: an interrupted run"
              + " leaves a partial file.")
  Path out;

  @Option(
      names = "--resume",
      negatable = false,
      description =
          "Keep the cells the --out file already holds (from an interrupted run of this same"
              + " manifest) and measure only the rest; without that file, start afresh.")
  boolean resume;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Results on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--no-calibrate",
      negatable = false,
      description = "Skip measuring this machine's floors (about 2 s) before the sweep.")
  boolean noCalibrate;

  @Option(
      names = "--python",
      paramLabel = "PYTHON",
      description =
          "The Python 3 interpreter of PythonSingleThread and PythonPool (default: $GRIDBENCH_PYTHON,"
              + " else python3 on PATH). The Python Ray strategies run the Python that has Ray"
              + " (--ray-python).")
  Path python;

  @Mixin RayOptions ray = new RayOptions();

  @Override
  public Integer call() {
    return run(parent.out, parent.err);
  }

  int run(PrintStream stdout, PrintStream stderr) {
    SweepManifest sweep;
    try {
      sweep = new ManifestReader().read(manifest);
    } catch (ManifestException e) {
      stderr.println("gridbench: " + e.getMessage());
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    List<StrategySpec> selected = new ArrayList<>();
    for (String name : strategyNames) {
      var found = sweep.spec().strategy(name);
      if (found.isEmpty()) {
        stderr.println(
            "gridbench: --strategy: '"
                + name
                + "' is not a strategy of this sweep; its strategies are "
                + sweep.spec().getStrategies().stream()
                    .map(StrategySpec::getName)
                    .collect(Collectors.joining(", "))
                + ".");
        return GridbenchCommand.EXIT_BAD_INPUT;
      }
      selected.add(found.get());
    }
    if (selected.isEmpty()) {
      selected.addAll(sweep.spec().getStrategies());
    }
    Optional<String> rayProblem = ray.problem(selected, !strategyNames.isEmpty());
    if (rayProblem.isPresent()) {
      stderr.println("gridbench: " + rayProblem.get());
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    List<StrategySpec> runnable = ray.runnable(selected);
    if (runnable.size() < selected.size()) {
      stderr.println(
          "gridbench: --ray off: skipping "
              + String.join(", ", RayOptions.rayNames(selected))
              + (runnable.isEmpty() ? "; no strategy is left to run." : "."));
      if (runnable.isEmpty()) {
        return GridbenchCommand.EXIT_BAD_INPUT;
      }
    }
    Optional<String> pythonProblem = pythonProblem(runnable);
    if (pythonProblem.isPresent()) {
      stderr.println("gridbench: " + pythonProblem.get());
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    if (out != null && Files.isDirectory(out)) {
      stderr.println("gridbench: --out: " + out + " is a directory; give a file name.");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    if (resume && out == null) {
      stderr.println("gridbench: --resume: needs --out FILE, the results file to complete.");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    if (resume && Files.isRegularFile(out)) {
      Optional<String> problem = resumeProblem(sweep);
      if (problem.isPresent()) {
        stderr.println("gridbench: --resume: " + problem.get());
        return GridbenchCommand.EXIT_BAD_INPUT;
      }
    }
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      // Found out now, not after a sweep of hours: the results file must be writable.
      if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
        stderr.println(
            "gridbench: --out: cannot write into " + parent + " (missing or not writable).");
        return GridbenchCommand.EXIT_BAD_INPUT;
      }
    }

    return ray.run(
        runnable,
        spec.commandLine().getParseResult().originalArgs(),
        stdout,
        stderr,
        session -> measure(sweep, runnable, session, stdout, stderr));
  }

  /**
   * Whether the local Python strategies among {@code runnable} have their Python: found out before
   * the sweep, not at its first Python cell. (The Python Ray strategies' Python is the one that has
   * Ray, which {@link RayOptions} finds.)
   */
  private Optional<String> pythonProblem(List<StrategySpec> runnable) {
    List<String> pools =
        runnable.stream()
            .filter(s -> s.getType().isPython() && !s.getType().isRay())
            .map(s -> "'" + s.getName() + "'")
            .toList();
    if (pools.isEmpty()) {
      return Optional.empty();
    }
    try {
      PythonInterpreter.find(Optional.ofNullable(python), ray.env);
      return Optional.empty();
    } catch (PythonUnavailableException e) {
      return Optional.of(
          (pools.size() == 1 ? "strategy " : "strategies ")
              + String.join(", ", pools)
              + ": "
              + e.getMessage());
    }
  }

  /** Why {@code out} cannot be resumed with {@code sweep}, if it cannot. */
  private Optional<String> resumeProblem(SweepManifest sweep) {
    SweepResults prior;
    try {
      prior = ResultsJson.read(out);
    } catch (IOException e) {
      return Optional.of(
          "cannot read "
              + out
              + " as gridbench results ("
              + e.getMessage().lines().findFirst().orElse("")
              + ").");
    }
    if (!sweep.name().equals(prior.sweep()) || !sweep.spec().equals(prior.spec())) {
      return Optional.of(
          out
              + " holds results of "
              + (sweep.name().equals(prior.sweep())
                  ? "another version of sweep '" + prior.sweep() + "'"
                  : "sweep '" + prior.sweep() + "'")
              + ", not of this manifest; resume with the manifest that made it, or give another"
              + " --out.");
    }
    return Optional.empty();
  }

  /** Calibrates, runs the sweep on this JVM and reports it; returns the exit status. */
  private int measure(
      SweepManifest sweep,
      List<StrategySpec> runnable,
      Optional<RaySession> raySession,
      PrintStream stdout,
      PrintStream stderr) {
    Calibration floors = null;
    if (!noCalibrate) {
      try {
        floors = new Calibrator().calibrate();
      } catch (StrategyException e) {
        stderr.println("gridbench: calibration skipped: " + e.getMessage());
      }
    }
    ProgressDisplay progress = new ProgressDisplay(stderr, StderrTerminal.detect());
    LocalStrategies local =
        new LocalStrategies(() -> PythonInterpreter.find(Optional.ofNullable(python), ray.env));
    SweepResults prior = null;
    if (resume && Files.isRegularFile(out)) {
      try {
        prior = ResultsJson.read(out);
      } catch (IOException e) {
        stderr.println("gridbench: --resume: cannot read " + out + " (" + e.getMessage() + ").");
        return GridbenchCommand.EXIT_BAD_INPUT;
      }
    }
    ResultsFileSink sink =
        out == null
            ? null
            : new ResultsFileSink(
                out, sweep.name(), sweep.spec(), runnable, prior, Clock.systemUTC());
    if (prior != null) {
      int kept = sink.alreadyMeasured().values().stream().mapToInt(List::size).sum();
      stderr.println("gridbench: resuming " + out + ": " + kept + " cells already measured");
    }
    SweepRunner runner =
        new SweepRunner(
            RayOptions.strategies(raySession, local),
            sink == null ? progress : ProgressListener.all(progress, sink));
    // Ctrl-C (or a kill) runs the JVM's shutdown hooks: the partial file gets the latest cells.
    Thread flushOnExit = sink == null ? null : new Thread(sink::flush, "gridbench-results-flush");
    if (flushOnExit != null) {
      Runtime.getRuntime().addShutdownHook(flushOnExit);
    }
    SweepResults results;
    try {
      results =
          runner
              .run(
                  sweep.name(),
                  sweep.spec(),
                  runnable,
                  sink == null ? Map.of() : sink.alreadyMeasured())
              .withCalibration(floors);
    } finally {
      if (flushOnExit != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(flushOnExit);
        } catch (IllegalStateException shuttingDown) {
          // The JVM is exiting: the hook is running or has run.
        }
      }
    }
    if (sink != null) {
      results = sink.complete(results);
    }

    switch (format) {
      case table -> ResultTables.printMatrices(results, stdout);
      case json -> stdout.println(ResultsJson.toJson(results));
      case csv -> ResultTables.printCsv(results, stdout);
    }
    DriftWarning.print(results.drift(), sweep.spec().effectiveOrder(), stderr);
    if (out != null) {
      try {
        ResultsJson.write(results, out);
        stderr.println("gridbench: results written to " + out);
      } catch (IOException e) {
        // The results were printed; only the file is missing. Not bad input: a failed run.
        stderr.println("gridbench: --out: cannot write " + out + " (" + e.getMessage() + ").");
        return GridbenchCommand.EXIT_STRATEGY_FAILED;
      }
    }
    boolean failed =
        results.strategies().stream().anyMatch(s -> s.outcome() == StrategyResult.Outcome.Failed);
    return failed ? GridbenchCommand.EXIT_STRATEGY_FAILED : 0;
  }
}
