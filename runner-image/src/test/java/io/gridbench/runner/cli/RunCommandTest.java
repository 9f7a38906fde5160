package io.gridbench.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process: manifest in, table/JSON/CSV and a results file out. */
class RunCommandTest {

  @TempDir Path dir;

  private static final String MANIFEST =
      """
      apiVersion: gridbench.io/v1alpha1
      kind: BenchmarkSweep
      metadata:
        name: tiny
      spec:
        grid:
          compute: {values: [0, 20000]}
          payloadBytes: {values: [0, 5000]}
        tasksPerCell: 6
        workers: 2
        repetitions: 2
        warmup: 1
        strategies:
          - name: single
            type: SingleThread
          - name: threads
            type: ThreadPool
          - name: processes
            type: ProcessPool
      """;

  private static CliOutcome run(String... args) {
    return CliOutcome.run(args);
  }

  private Path manifest(String text) throws Exception {
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void runsEveryStrategyAndWritesTheResults() throws Exception {
    Path out = dir.resolve("results.json");
    CliOutcome o = run("run", manifest(MANIFEST).toString(), "--out", out.toString());

    assertThat(o.status()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("single  [SingleThread, local] median seconds per cell (6 tasks)")
        .contains("threads  [ThreadPool, local, 2 workers]")
        .contains("processes  [ProcessPool, local, 2 workers]")
        .containsPattern("compute\\\\payload\\s+0B\\s+4.9KiB")
        .containsPattern("\\n\\s+20000\\s+\\d");
    assertThat(o.err()).contains("gridbench: 12 cells to measure").contains("results written to");

    SweepResults results = ResultsJson.read(out);
    assertThat(results.sweep()).isEqualTo("tiny");
    assertThat(results.machine().availableProcessors()).isPositive();
    assertThat(results.strategies())
        .extracting(StrategyResult::name)
        .containsExactly("single", "threads", "processes");
    List<String> reference =
        results.strategies().get(0).cells().stream().map(CellResult::checksum).toList();
    assertThat(reference).hasSize(4).doesNotHaveDuplicates();
    for (StrategyResult s : results.strategies()) {
      assertThat(s.cells()).extracting(CellResult::checksum).isEqualTo(reference);
      assertThat(s.cells())
          .allSatisfy(c -> assertThat(c.samplesSeconds()).hasSize(2).allMatch(v -> v > 0));
    }
  }

  @Test
  void printsJsonAndCsvOnRequest() throws Exception {
    Path file = manifest(MANIFEST);
    CliOutcome json = run("run", file.toString(), "--strategy", "threads", "--format", "json");
    assertThat(json.status()).isZero();
    SweepResults parsed = ResultsJson.mapper().readValue(json.out(), SweepResults.class);
    assertThat(parsed.strategies()).extracting(StrategyResult::name).containsExactly("threads");

    CliOutcome csv = run("run", file.toString(), "--strategy", "single", "--format", "csv");
    assertThat(csv.status()).isZero();
    List<String> lines = csv.out().lines().toList();
    assertThat(lines.get(0)).startsWith("strategy,type,mode,workers,compute,payload_bytes");
    assertThat(lines).hasSize(5);
    assertThat(lines.get(1)).startsWith("single,SingleThread,local,");
  }

  @Test
  void badManifestExitsTwoWithOneLineAndWritesNothing() throws Exception {
    Path out = dir.resolve("results.json");
    Path file = manifest(MANIFEST.replace("tasksPerCell: 6", "tasksPerCell: 0"));
    CliOutcome o = run("run", file.toString(), "--out", out.toString());
    assertThat(o.status()).isEqualTo(2);
    assertThat(o.err())
        .isEqualTo(
            "gridbench: spec.tasksPerCell: 0 is out of range; allowed values are 1 to 1000000."
                + System.lineSeparator());
    assertThat(o.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  @Test
  void missingFileUnknownStrategyAndDirectoryOutAreBadInput() throws Exception {
    CliOutcome missing = run("run", dir.resolve("nope.yaml").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err().strip())
        .isEqualTo("gridbench: " + dir.resolve("nope.yaml") + ": no such file.");

    Path file = manifest(MANIFEST);
    CliOutcome unknown = run("run", file.toString(), "--strategy", "gpu");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err().strip())
        .isEqualTo(
            "gridbench: --strategy: 'gpu' is not a strategy of this sweep; its strategies are"
                + " single, threads, processes.");

    CliOutcome intoDir = run("run", file.toString(), "--out", dir.toString());
    assertThat(intoDir.status()).isEqualTo(2);
    assertThat(intoDir.err().strip()).endsWith("is a directory; give a file name.");

    CliOutcome nowhere =
        run("run", file.toString(), "--out", dir.resolve("missing/results.json").toString());
    assertThat(nowhere.status()).isEqualTo(2);
    assertThat(nowhere.err().strip())
        .isEqualTo(
            "gridbench: --out: cannot write into "
                + dir.resolve("missing")
                + " (missing or not writable).");
    assertThat(nowhere.out()).as("checked before the sweep, nothing measured").isEmpty();

    CliOutcome badFormat = run("run", file.toString(), "--format", "xml");
    assertThat(badFormat.status()).isEqualTo(2);
    assertThat(badFormat.err()).contains("--format").contains("table, json, csv");
  }

  /** {@code whole}'s results as a run stopped midway leaves them: cells dropped, no finish. */
  private static SweepResults stoppedMidway(SweepResults whole, int cellsKept) {
    List<StrategyResult> strategies = new java.util.ArrayList<>();
    int left = cellsKept;
    for (StrategyResult s : whole.strategies()) {
      int keep = Math.min(left, s.cells().size());
      left -= keep;
      boolean complete = keep == s.cells().size();
      strategies.add(
          new StrategyResult(
              s.name(),
              s.type(),
              keep == 0 ? null : s.mode(),
              s.workers(),
              s.rebuild(),
              complete ? s.outcome() : StrategyResult.Outcome.Incomplete,
              null,
              keep == 0 ? null : s.startedAt(),
              complete ? s.finishedAt() : null,
              s.cells().subList(0, keep)));
    }
    return new SweepResults(
        whole.schemaVersion(),
        whole.sweep(),
        whole.spec(),
        whole.machine(),
        whole.startedAt(),
        null,
        strategies,
        null,
        null);
  }

  @Test
  void resumeKeepsTheCellsOfAPartialFileAndMeasuresOnlyTheRest() throws Exception {
    Path m = manifest(MANIFEST);
    Path out = dir.resolve("results.json");
    CliOutcome whole = run("run", m.toString(), "--out", out.toString(), "--no-calibrate");
    assertThat(whole.status()).as(whole.err()).isZero();
    SweepResults partial = stoppedMidway(ResultsJson.read(out), 6);
    ResultsJson.write(partial, out);
    assertThat(run("report", out.toString(), "--out", dir.resolve("report").toString()).status())
        .isZero();

    CliOutcome resumed =
        run("run", m.toString(), "--out", out.toString(), "--resume", "--no-calibrate");

    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertThat(resumed.err())
        .contains("gridbench: resuming " + out + ": 6 cells already measured")
        .contains("gridbench: 6 cells to measure (6 already measured)");
    SweepResults done = ResultsJson.read(out);
    assertThat(done.partial()).isFalse();
    assertThat(done.startedAt()).isEqualTo(partial.startedAt());
    assertThat(done.strategies())
        .extracting(StrategyResult::name)
        .containsExactly("single", "threads", "processes");
    assertThat(done.strategies())
        .allSatisfy(
            s -> {
              assertThat(s.outcome()).isEqualTo(StrategyResult.Outcome.Succeeded);
              assertThat(s.cells()).extracting(CellResult::key).hasSize(4).doesNotHaveDuplicates();
            });
    // The kept cells are the very samples the interrupted run measured, not new ones.
    assertThat(done.strategies().get(0).cells()).isEqualTo(partial.strategies().get(0).cells());
    assertThat(done.strategies().get(1).cells().subList(0, 2))
        .isEqualTo(partial.strategies().get(1).cells());
  }

  @Test
  void resumeRefusesAnotherManifestsFileAndLeavesItAsItWas() throws Exception {
    Path out = dir.resolve("results.json");
    assertThat(run("run", manifest(MANIFEST).toString(), "--out", out.toString()).status())
        .isZero();
    byte[] before = Files.readAllBytes(out);
    Path other = manifest(MANIFEST.replace("repetitions: 2", "repetitions: 3"));

    CliOutcome o = run("run", other.toString(), "--out", out.toString(), "--resume");

    assertThat(o.status()).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(o.err().strip().lines())
        .containsExactly(
            "gridbench: --resume: "
                + out
                + " holds results of another version of sweep 'tiny', not of this manifest;"
                + " resume with the manifest that made it, or give another --out.");
    assertThat(Files.readAllBytes(out)).isEqualTo(before);

    CliOutcome renamed =
        run(
            "run",
            manifest(MANIFEST.replace("name: tiny", "name: other")).toString(),
            "--out",
            out.toString(),
            "--resume");
    assertThat(renamed.err()).contains("holds results of sweep 'tiny', not of this manifest");
    Files.writeString(out, "{not json");
    CliOutcome garbled = run("run", manifest(MANIFEST).toString(), "--out", out + "", "--resume");
    assertThat(garbled.status()).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(garbled.err()).startsWith("gridbench: --resume: cannot read " + out);
    assertThat(Files.readString(out)).isEqualTo("{not json");
  }

  @Test
  void resumeNeedsOutAndStartsAfreshWithoutTheFile() throws Exception {
    Path m = manifest(MANIFEST);
    CliOutcome noOut = run("run", m.toString(), "--resume");
    assertThat(noOut.status()).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(noOut.err().strip())
        .isEqualTo("gridbench: --resume: needs --out FILE, the results file to complete.");

    Path out = dir.resolve("fresh.json");
    CliOutcome fresh =
        run("run", m.toString(), "--out", out.toString(), "--resume", "--no-calibrate");
    assertThat(fresh.status()).as(fresh.err()).isZero();
    assertThat(fresh.err()).contains("12 cells to measure").doesNotContain("resuming");
    assertThat(ResultsJson.read(out).strategies()).allMatch(s -> s.cells().size() == 4);
  }
}
