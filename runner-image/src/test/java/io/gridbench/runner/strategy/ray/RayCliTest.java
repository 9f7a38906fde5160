package io.gridbench.runner.strategy.ray;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.runner.cli.GridbenchCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridbench run} with Ray strategies, through the command line. */
class RayCliTest {
  private static final String MANIFEST =
      """
      apiVersion: gridbench.io/v1alpha1
      kind: BenchmarkSweep
      metadata:
        name: ray-cli
      spec:
        grid:
          compute: {values: [0, 1000]}
          payloadBytes: {values: [0, 64]}
        tasksPerCell: 6
        workers: 2
        repetitions: 1
        warmup: 0
        strategies:
          - name: single-thread
            type: SingleThread
          - name: ray-pool
            type: RayPool
          - name: ray-actors
            type: RayActors
          - name: ray-tasks
            type: RayTasks
      """;

  @TempDir Path tmp;
  private Path manifest;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeManifest() throws Exception {
    manifest = Files.writeString(tmp.resolve("sweep.yaml"), MANIFEST);
  }

  @Test
  void withoutRayInstalledRunsRayStrategiesInLocalModeAndLabelsThemRayLocal() throws Exception {
    List<Path> before = RaySessionTest.ourSessionDirs();

    int status =
        run(
            "run",
            manifest.toString(),
            "--ray-python",
            tmp.resolve("no-python").toString(),
            "--format",
            "json");

    assertThat(status).as(stderr()).isZero();
    assertThat(stderr())
        .contains(
            "gridbench: Ray is not installed, so the Ray strategies run in Ray's LOCAL mode in this"
                + " JVM (rows ray-local, no cluster); `pip install ray==2.58.0` gives real cluster"
                + " figures");
    String json = stdout();
    for (String name : List.of("ray-pool", "ray-actors", "ray-tasks")) {
      assertThat(json)
          .containsPattern("\"name\" *: *\"" + name + "\",[^}]*\"mode\" *: *\"ray-local\"");
    }
    assertThat(json).containsPattern("\"name\" *: *\"single-thread\",[^}]*\"mode\" *: *\"local\"");
    assertThat(json).doesNotContain("\"Failed\"");
    assertThat(RaySessionTest.ourSessionDirs()).isSubsetOf(before);
  }

  @Test
  void anUnreachableRayAddressFailsWithinSecondsWithExitStatus2() throws Exception {
    String address = "127.0.0.1:" + RayAddressTest.freePort();
    long t0 = System.nanoTime();

    int status = run("run", manifest.toString(), "--ray-address", address);

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(status).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(stderr().lines().toList())
        .singleElement()
        .asString()
        .startsWith("gridbench: --ray-address: no Ray GCS at " + address + ": ");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void aLocalClusterWithoutRayIsBadInputNamingWhatWasLookedFor() throws Exception {
    Path python = tmp.resolve("no-python");

    int status =
        run(
            "run",
            manifest.toString(),
            "--ray",
            "local-cluster",
            "--ray-python",
            python.toString());

    assertThat(status).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(stderr().lines().toList())
        .singleElement()
        .asString()
        .startsWith("gridbench: --ray local-cluster: no usable Ray installation: looked for")
        .contains(python + " (cannot run)")
        .contains("pip install ray==2.58.0");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void anUnknownRayModeIsBadInput() throws Exception {
    int status = run("run", manifest.toString(), "--ray", "cluster");

    assertThat(status).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("'cluster' is not one of auto, local-cluster, local, off");
  }

  @Test
  void aLocalModeWithARayAddressIsBadInput() throws Exception {
    int status =
        run("run", manifest.toString(), "--ray", "local", "--ray-address", "10.0.0.5:6379");

    assertThat(status).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("--ray local and --ray-address contradict each other");
  }

  @Test
  void aMalformedRayAddressIsBadInput() throws Exception {
    int status = run("run", manifest.toString(), "--ray-address", "ray-head");

    assertThat(status).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(stderr()).startsWith("gridbench: --ray-address: 'ray-head' is not a Ray address");
  }

  @Test
  void rayOffWithARayAddressIsBadInput() throws Exception {
    int status = run("run", manifest.toString(), "--ray", "off", "--ray-address", "10.0.0.5:6379");

    assertThat(status).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("--ray off and --ray-address contradict each other");
  }

  @Test
  void rayOffWithARayStrategyByNameIsBadInput() throws Exception {
    int status = run("run", manifest.toString(), "--ray", "off", "--strategy", "ray-tasks");

    assertThat(status).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("--strategy: ray-tasks needs Ray, but --ray is off");
  }

  @Test
  void rayOffSkipsTheRayStrategiesOfTheManifest() throws Exception {
    int status = run("run", manifest.toString(), "--ray", "off", "--format", "csv");

    assertThat(status).as(stderr()).isZero();
    assertThat(stderr()).contains("--ray off: skipping ray-pool, ray-actors, ray-tasks.");
    assertThat(stdout()).contains("single-thread,").doesNotContain("ray-");
  }

  @Test
  void rayIsNeitherStartedNorProbedWhenNoRayStrategyRuns() throws Exception {
    String address = "127.0.0.1:" + RayAddressTest.freePort();

    int status =
        run(
            "run",
            manifest.toString(),
            "--strategy",
            "single-thread",
            "--ray-address",
            address,
            "--format",
            "csv");

    assertThat(status).as(stderr()).isZero();
    assertThat(stdout()).contains("single-thread,");
  }

  private int run(String... args) {
    return GridbenchCommand.execute(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
