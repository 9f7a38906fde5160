package io.gridbench.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridbench run} with Python strategies: rows beside Java's, and the missing-tool errors.
 */
class PythonStrategiesCliTest {

  @TempDir Path dir;

  private static final String MANIFEST =
      """
      apiVersion: gridbench.io/v1alpha1
      kind: BenchmarkSweep
      metadata:
        name: python-and-java
      spec:
        grid:
          compute: {values: [0, 300]}
          payloadBytes: {values: [0, 5000]}
        tasksPerCell: 6
        workers: 2
        repetitions: 2
        warmup: 1
        strategies:
          - name: py-single
            type: PythonSingleThread
          - name: py-pool
            type: PythonPool
            startMethod: spawn
          - name: single
            type: SingleThread
      """;

  private Path manifest(String text) throws Exception {
    return Files.writeString(dir.resolve("sweep.yaml"), text);
  }

  @Test
  void pythonRowsStandBesideJavaRowsWithTheSameChecksums() throws Exception {
    Path out = dir.resolve("results.json");
    CliOutcome o =
        CliOutcome.run("run", manifest(MANIFEST).toString(), "--no-calibrate", "--out", "" + out);

    assertThat(o.status()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("py-single  [PythonSingleThread, local] median seconds per cell (6 tasks)")
        .contains("py-pool  [PythonPool, local, 2 workers]")
        .contains("single  [SingleThread, local]");
    SweepResults results = ResultsJson.read(out);
    List<String> java =
        results.strategies().get(2).cells().stream().map(CellResult::checksum).toList();
    assertThat(java).hasSize(4).doesNotHaveDuplicates();
    for (StrategyResult s : results.strategies()) {
      assertThat(s.outcome())
          .as(s.name() + ": " + s.error())
          .isEqualTo(StrategyResult.Outcome.Succeeded);
      assertThat(s.cells()).extracting(CellResult::checksum).isEqualTo(java);
    }
  }

  @Test
  void aMissingPythonIsOneLineAndExitTwoBeforeTheSweep() throws Exception {
    Path none = dir.resolve("no-such-dir/python3");
    CliOutcome o =
        CliOutcome.run("run", manifest(MANIFEST).toString(), "--python", none.toString());

    assertThat(o.status()).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(o.out()).isEmpty();
    assertThat(o.err().strip().lines().toList())
        .singleElement()
        .isEqualTo(
            "gridbench: strategies 'py-single', 'py-pool': the Python strategies need python3, but"
                + " --python "
                + none
                + " cannot be run. Install Python 3.8 or later (e.g. `apt-get install python3`)"
                + " or name one with --python or $GRIDBENCH_PYTHON.");
  }

  @Test
  void aPythonRayStrategyWithoutRayIsOneLineNamingWhatToInstallAndExitTwo() throws Exception {
    // A real Python 3 without the 'ray' package.
    Path venv = dir.resolve("venv-without-ray");
    Process p =
        new ProcessBuilder(
                io.gridbench.runner.strategy.python.PythonInterpreter.find(
                        java.util.Optional.empty(), System.getenv())
                    .path()
                    .toString(),
                "-m",
                "venv",
                "--without-pip",
                venv.toString())
            .inheritIO()
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    String manifest =
        MANIFEST.replace(
            "    - name: py-single\n      type: PythonSingleThread\n",
            "    - name: py-ray-pool\n      type: PythonRayPool\n");
    assertThat(manifest).contains("type: PythonRayPool");
    CliOutcome o =
        CliOutcome.run(
            "run",
            manifest(manifest).toString(),
            "--ray-python",
            venv.resolve("bin/python3").toString());

    assertThat(o.status()).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(o.out()).isEmpty();
    assertThat(o.err().strip().lines().toList())
        .singleElement()
        .asString()
        .startsWith(
            "gridbench: --ray auto: strategy 'py-ray-pool' (PythonRayPool) needs Ray: no usable"
                + " Ray installation:")
        .contains(venv.resolve("bin/python3") + " (no 'ray' package)")
        .contains("pip install ray==2.58.0");
  }

  @Test
  void rayLocalModeCannotServePythonRayStrategies() throws Exception {
    String manifest =
        MANIFEST.replace(
            "    - name: py-single\n      type: PythonSingleThread\n",
            "    - name: py-actors\n      type: PythonRayActors\n");
    assertThat(manifest).contains("type: PythonRayActors");
    CliOutcome o = CliOutcome.run("run", manifest(manifest).toString(), "--ray", "local");

    assertThat(o.status()).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(o.err().strip().lines().toList())
        .singleElement()
        .isEqualTo(
            "gridbench: --ray local: strategy 'py-actors' (PythonRayActors) needs a Ray cluster,"
                + " which Python cannot reach in this JVM's LOCAL mode; use --ray local-cluster"
                + " (pip install ray==2.58.0) or --ray-address.");
  }
}
