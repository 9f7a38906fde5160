package io.gridbench.runner.raycluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.runner.testing.GridbenchProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridbench run --ray local-cluster}: a real Ray head started for the run and stopped at its
 * end, also when the run is interrupted (SIGINT, as Ctrl-C sends), leaving no Ray process of its
 * own and no file under {@code /tmp/ray} or the temp folder, and when it is killed (SIGKILL), by
 * the watches its driver and nodes keep on it.
 */
class LocalClusterModeIT {
  private static final Path RAY_ROOT = Path.of("/tmp/ray");
  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

  @TempDir Path tmp;
  private static RayInstallation ray;

  @BeforeAll
  static void needsRay() {
    ray = RealRay.installation();
  }

  private Path manifest(long compute) throws IOException {
    return Files.writeString(
        tmp.resolve("sweep.yaml"),
        """
        apiVersion: gridbench.io/v1alpha1
        kind: BenchmarkSweep
        metadata:
          name: local-cluster
        spec:
          grid:
            compute: {values: [%d]}
            payloadBytes: {values: [0, 2048]}
          tasksPerCell: 4
          workers: 2
          repetitions: 1
          warmup: 0
          # The canary would run the long cell single-threaded first: minutes on a loaded machine.
          driftCanary: {enabled: false}
          strategies:
            - {name: ray-actors, type: RayActors}
            - {name: threads, type: ThreadPool}
        """
            .formatted(compute));
  }

  private GridbenchProcess run(Path manifest, String... more) throws IOException {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                manifest.toString(),
                "--ray",
                "local-cluster",
                "--ray-python",
                ray.python().orElseThrow().toString(),
                "--no-calibrate"));
    args.addAll(List.of(more));
    return GridbenchProcess.start(tmp, args.toArray(String[]::new));
  }

  @Test
  void runsTheRayRowsOnALocalClusterAndLeavesNothingBehind() throws Exception {
    Leftovers before = Leftovers.now();
    try (GridbenchProcess gridbench = run(manifest(1000), "--format", "json")) {
      int status = gridbench.await(Duration.ofMinutes(4));

      assertThat(status).as(gridbench.stderr()).isZero();
      assertThat(gridbench.stderr()).contains("gridbench: starting a local Ray 2.58.0 cluster");
      SweepResults results = gridbench.results();
      StrategyResult actors = results.strategies().get(0);
      assertThat(actors.mode()).isEqualTo(ExecutionMode.RAY_CLUSTER);
      assertThat(actors.outcome()).as(actors.error()).isEqualTo(StrategyResult.Outcome.Succeeded);
      assertThat(results.strategies().get(1).mode()).isEqualTo(ExecutionMode.LOCAL);
    }
    before.assertNothingNew();
  }

  @Test
  void anInterruptedRunStopsItsClusterAndLeavesNothingBehind() throws Exception {
    Leftovers before = Leftovers.now();
    try (GridbenchProcess gridbench = run(manifest(2_000_000_000L))) {
      awaitLine(gridbench, "strategy ray-actors ready");
      Thread.sleep(2000); // the cell's first calls are running
      gridbench.interrupt();

      int status = gridbench.await(Duration.ofSeconds(90));

      assertThat(status).isNotZero();
    }
    before.assertNothingNew();
  }

  @Test
  void aKilledRunLeavesNoClusterAndNoDriverBehind() throws Exception {
    Leftovers before = Leftovers.now();
    List<ProcessHandle> started;
    try (GridbenchProcess gridbench = run(manifest(2_000_000_000L))) {
      awaitLine(gridbench, "strategy ray-actors ready");
      // Everything the run started: the driver JVM, the head's `ray start` and its processes.
      started = gridbench.process().descendants().toList();
      assertThat(started).as("the run's driver and cluster").isNotEmpty();
      // SIGKILL: no shutdown hook of the launcher runs, so only the watches on it can clean up.
      gridbench.process().destroyForcibly();
      gridbench.await(Duration.ofSeconds(30));
    }
    // The node notices within a second, then drains (up to Ray's own grace) and stops.
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    List<ProcessHandle> alive = started;
    while (!(alive = alive.stream().filter(ProcessHandle::isAlive).toList()).isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(alive.stream().map(p -> p.pid() + " " + Leftovers.cmdline(p)))
        .as("processes of the killed run still alive")
        .isEmpty();
    before.assertNothingNew();
  }

  private static void awaitLine(GridbenchProcess gridbench, String line) throws Exception {
    // A local cluster and the driver's JVM start slowly on a loaded 2-core machine.
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (!gridbench.stderr().contains(line)) {
      assertThat(System.nanoTime()).as("'" + line + "' within 4 min").isLessThan(deadline);
      assertThat(gridbench.process().isAlive()).as(gridbench.stderr()).isTrue();
      Thread.sleep(200);
    }
  }

  /** What a local cluster could leave: processes of a gridbench Ray temp folder, and files. */
  private record Leftovers(Set<Long> processes, Set<Path> rayFiles, Set<Path> tempFolders) {
    static Leftovers now() throws IOException {
      return new Leftovers(rayProcesses(), list(RAY_ROOT, "*"), list(TMP, "gridbench-ray-*"));
    }

    void assertNothingNew() throws Exception {
      // The head drains for a few seconds after the run's exit status is known.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Set<Long> left = new HashSet<>(rayProcesses());
      while (!(left = minus(rayProcesses(), processes)).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      assertThat(left).as("Ray processes of the run still alive").isEmpty();
      assertThat(list(RAY_ROOT, "*")).as("files under /tmp/ray").isSubsetOf(rayFiles);
      assertThat(list(TMP, "gridbench-ray-*")).as("Ray temp folders").isSubsetOf(tempFolders);
    }

    private static Set<Long> minus(Set<Long> a, Set<Long> b) {
      Set<Long> out = new HashSet<>(a);
      out.removeAll(b);
      return out;
    }

    /** Live processes whose command line names a gridbench Ray temp folder (nodes, workers). */
    private static Set<Long> rayProcesses() {
      return ProcessHandle.allProcesses()
          .filter(p -> cmdline(p).contains("/gridbench-ray-"))
          .map(ProcessHandle::pid)
          .collect(Collectors.toSet());
    }

    static String cmdline(ProcessHandle p) {
      try {
        return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      } catch (IOException | RuntimeException gone) {
        return "";
      }
    }

    private static Set<Path> list(Path dir, String glob) throws IOException {
      if (!Files.isDirectory(dir)) {
        return Set.of();
      }
      try (Stream<Path> s = Files.list(dir)) {
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        return s.filter(p -> matcher.matches(p.getFileName())).collect(Collectors.toSet());
      }
    }
  }
}
