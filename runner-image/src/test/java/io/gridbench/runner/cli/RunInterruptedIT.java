package io.gridbench.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.runner.measure.CellOrder;
import io.gridbench.runner.testing.GridbenchProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridbench run --out} stopped by Ctrl-C in its own process, as a user's terminal stops it,
 * then completed with {@code --resume}.
 */
class RunInterruptedIT {
  @TempDir Path dir;

  /** Cells of about a second each here: the run is stopped after its first ones. */
  private static final String MANIFEST =
      """
      apiVersion: gridbench.io/v1alpha1
      kind: BenchmarkSweep
      metadata:
        name: interrupted
      spec:
        grid:
          compute: {values: [10000000, 20000000]}
          payloadBytes: {values: [0, 1000, 100000]}
        tasksPerCell: 16
        workers: 2
        repetitions: 3
        warmup: 1
        driftCanary: {enabled: false}
        strategies:
          - {name: processes, type: ProcessPool}
          - {name: single, type: SingleThread}
      """;

  @Test
  void ctrlCLeavesAValidPartialFileNoWorkerAndResumeEndsWithEveryCell() throws Exception {
    Path manifest = Files.writeString(dir.resolve("sweep.yaml"), MANIFEST);
    Path out = dir.resolve("results.json");
    SweepResults partial;
    try (GridbenchProcess run =
        GridbenchProcess.start(
            dir, "run", manifest.toString(), "--out", out.toString(), "--no-calibrate")) {
      awaitCells(out, run, 1);
      List<ProcessHandle> workers = run.process().descendants().toList();
      assertThat(workers).as("the ProcessPool's worker JVMs").isNotEmpty();

      run.interrupt();
      int status = run.await(Duration.ofMinutes(1));

      assertThat(status).as(run.stderr()).isNotZero();
      for (ProcessHandle w : workers) {
        w.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
      partial = ResultsJson.read(out);
    }
    assertThat(partial.partial()).isTrue();
    StrategyResult stopped = partial.strategies().get(0);
    assertThat(stopped.outcome()).isEqualTo(StrategyResult.Outcome.Incomplete);
    assertThat(stopped.cells()).isNotEmpty().hasSizeLessThan(6);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no half-written temporary file")
          .noneMatch(n -> n.endsWith(".tmp"));
    }

    try (GridbenchProcess resumed =
        GridbenchProcess.start(
            dir,
            "run",
            manifest.toString(),
            "--out",
            out.toString(),
            "--resume",
            "--no-calibrate")) {
      int status = resumed.await(Duration.ofMinutes(3));

      assertThat(status).as(resumed.stderr()).isZero();
      assertThat(resumed.stderr())
          .contains("resuming " + out + ": " + countCells(partial) + " cells already measured");
    }
    SweepResults done = ResultsJson.read(out);
    assertThat(done.partial()).isFalse();
    List<CellKey> layout = CellOrder.layout(done.spec());
    for (StrategyResult s : done.strategies()) {
      assertThat(s.outcome()).as(s.name()).isEqualTo(StrategyResult.Outcome.Succeeded);
      assertThat(s.cells()).extracting(CellResult::key).containsExactlyElementsOf(layout);
    }
    assertThat(done.strategies().get(0).cells()).containsAll(stopped.cells());
  }

  private static int countCells(SweepResults results) {
    return results.strategies().stream().mapToInt(s -> s.cells().size()).sum();
  }

  /** Waits until the partial file at {@code out} holds {@code count} cells. */
  private static void awaitCells(Path out, GridbenchProcess run, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(out)) {
        SweepResults now = ResultsJson.read(out);
        if (countCells(now) >= count) {
          return;
        }
      }
      assertThat(run.process().isAlive()).as(run.stderr()).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no " + count + " cells in " + out + " within 2 min");
  }
}
