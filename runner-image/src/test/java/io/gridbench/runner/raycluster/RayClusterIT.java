package io.gridbench.runner.raycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridbench.api.manifest.ManifestReader;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.Checksums;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.runner.cli.GridbenchCommand;
import io.gridbench.runner.testing.GridbenchProcess;
import io.gridbench.runner.workload.CellWork;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ray strategies on a real Ray 2.58 cluster of two nodes on this machine: a head and a second
 * raylet joining it, each with its own ports and temp folder, started here and stopped by PID and
 * session. The head offers no CPU (as Ray advises for a head), so every task runs on the second
 * node and its payloads and results cross between the nodes' object stores; actors, which hold no
 * CPU once created, may be placed on either node. {@code gridbench run --ray-address} drives it
 * from its own JVM on the cluster's jars, as users run it. One cluster serves the whole class; the
 * test that stops the second node runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RayClusterIT {
  private static final String WORKER_MAIN = "io.ray.runtime.runner.worker.DefaultWorker";

  /**
   * A task of this compute runs about 1 s or more here (four per actor per repetition, three
   * repetitions): a cell lasts long enough to be hit after its actors are up.
   */
  private static final long LONG_COMPUTE = 1_000_000_000L;

  /**
   * A custom resource only the second node offers: actors asking for it are placed there, which Ray
   * does not otherwise promise (actors without resources went to the CPU-less head in CI).
   */
  private static final String SECOND_NODE = "second-node";

  /** How long Java workers may take to start: several JVMs at once on a loaded 2-core machine. */
  private static final Duration WORKERS_START = Duration.ofMinutes(4);

  /** When this class began: processes started before it are other runs'. */
  private static final Instant CLASS_STARTED = Instant.now();

  @TempDir static Path tmp;

  private static RayInstallation ray;
  private static LocalRayCluster cluster;
  private static RayNode second;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    ray = RealRay.installation();
    cluster = LocalRayCluster.start(ray, 0, Map.of());
    second = cluster.addNode("node2", 2, Map.of(SECOND_NODE, 2.0));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      Path temp = cluster.tempDir();
      keepLogs(temp, Path.of("target/ray-cluster-logs"));
      List<ProcessHandle> processes = allProcesses();
      cluster.close();
      assertThat(processes).noneMatch(ProcessHandle::isAlive);
      assertThat(temp).doesNotExist();
    }
  }

  /** Copies the nodes' logs where the build keeps test reports, for a failure to be read later. */
  private static void keepLogs(Path from, Path to) {
    try (var files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".log") || name.endsWith(".out") || name.endsWith(".err")) {
          Path target = to.resolve(from.relativize(f).toString());
          Files.createDirectories(target.getParent());
          Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      // Logs are a help for diagnosis, not a result.
    }
  }

  private static List<ProcessHandle> allProcesses() {
    return cluster.processes();
  }

  private static Path manifest(String name, String grid, String strategies) throws IOException {
    return Files.writeString(
        tmp.resolve(name + ".yaml"),
        """
        apiVersion: gridbench.io/v1alpha1
        kind: BenchmarkSweep
        metadata:
          name: %s
        spec:
          grid:
        %s
          tasksPerCell: 8
          workers: 2
          repetitions: 3
          warmup: 0
          order: sequential
          # The canary would run each long cell single-threaded first: minutes on a loaded machine.
          driftCanary: {enabled: false}
          strategies:
        %s
        """
            .formatted(name, grid.indent(4).stripTrailing(), strategies.indent(4).stripTrailing()));
  }

  private static GridbenchProcess run(Path manifest) throws IOException {
    return GridbenchProcess.start(
        tmp,
        "run",
        manifest.toString(),
        "--ray-address",
        cluster.address().toString(),
        "--ray-python",
        ray.python().orElseThrow().toString(),
        "--no-calibrate",
        "--format",
        "json");
  }

  private static Map<String, StrategyResult> byName(SweepResults results) {
    return results.strategies().stream()
        .collect(Collectors.toMap(StrategyResult::name, Function.identity()));
  }

  @Test
  @Order(1)
  void everyRayStrategyReportsTheKernelsChecksumsPayloadZeroIncluded() throws Exception {
    Path m =
        manifest(
            "every-strategy",
            """
            compute: {values: [0, 5000]}
            payloadBytes: {values: [0, 1, 150000]}
            """,
            """
            - {name: ray-pool, type: RayPool}
            - {name: ray-pool-rebuilt, type: RayPool, rebuild: true}
            - {name: ray-actors, type: RayActors}
            - {name: ray-tasks, type: RayTasks}
            """);
    try (GridbenchProcess gridbench = run(m)) {
      int status = gridbench.await(Duration.ofMinutes(4));

      assertThat(status).as(gridbench.stderr()).isZero();
      SweepResults results = gridbench.results();
      BenchmarkSweepSpec spec = new ManifestReader().read(m).spec();
      assertThat(results.strategies()).hasSize(4);
      assertSucceededOnTheClusterWithReferenceChecksums(results, spec, 6);
      Map<String, StrategyResult> named = byName(results);
      for (String withActors : List.of("ray-pool", "ray-actors")) {
        Map<String, Integer> placement = named.get(withActors).actorsPerNode();
        assertThat(placement).as(withActors).isNotNull();
        assertThat(placement.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        // Ray places the actors (a Java actor holds no CPU once created): one node or both.
        assertThat(placement.keySet())
            .isNotEmpty()
            .allMatch(node -> node.matches("[0-9.]+:[0-9]+"));
      }
      assertThat(named.get("ray-tasks").actorsPerNode()).isNull();
    }
  }

  @Test
  @Order(2)
  void pythonRayStrategiesRunOnTheSameClusterWithTheKernelsChecksums() throws Exception {
    Path m =
        manifest(
            "python-ray",
            """
            compute: {values: [0, 500]}
            payloadBytes: {values: [0, 150000]}
            """,
            """
            - {name: py-ray-pool, type: PythonRayPool}
            - {name: py-ray-pool-rebuilt, type: PythonRayPool, rebuild: true}
            - {name: py-ray-actors, type: PythonRayActors}
            """);
    try (GridbenchProcess gridbench = run(m)) {
      int status = gridbench.await(Duration.ofMinutes(4));

      assertThat(status).as(gridbench.stderr()).isZero();
      SweepResults results = gridbench.results();
      BenchmarkSweepSpec spec = new ManifestReader().read(m).spec();
      assertThat(results.strategies()).hasSize(3);
      assertSucceededOnTheClusterWithReferenceChecksums(results, spec, 4);
    }
    // The Python drivers are gone with their strategies: none is left under the cluster's nodes
    // or anywhere else with the worker program on its command line.
    assertNoPythonWorkerLeft();
  }

  @Test
  @Order(3)
  void aPythonRayActorKilledMidCellFailsThatCellByNameInOneLine() throws Exception {
    // CPython runs about a million rounds a second here: each task lasts a second or more.
    long compute = 3_000_000L;
    Path m =
        manifest(
            "killed-python-actor",
            "compute: {values: [%d]}\npayloadBytes: {values: [0]}".formatted(compute),
            """
            - {name: py-ray-actors, type: PythonRayActors}
            - {name: ray-tasks, type: RayTasks}
            """);
    try (GridbenchProcess gridbench = run(m)) {
      // Ray titles an actor's process "ray::Class.method" while a call runs: the cell is running.
      ProcessHandle victim =
          awaitProcesses(p -> processTitle(p).equals("ray::KernelActor.run_task"), 1, gridbench)
              .get(0);
      System.err.println("RayClusterIT: killing Python actor " + victim.pid());
      victim.destroyForcibly();

      int status = gridbench.await(Duration.ofMinutes(4));

      assertThat(status).as(gridbench.stderr()).isEqualTo(GridbenchCommand.EXIT_STRATEGY_FAILED);
      Map<String, StrategyResult> named = byName(gridbench.results());
      StrategyResult python = named.get("py-ray-actors");
      assertThat(python.outcome()).isEqualTo(StrategyResult.Outcome.Failed);
      assertThat(python.error())
          .matches(
              "PythonRayActors Python worker \\(pid \\d+, [^)]*\\) failed during cell compute="
                  + compute
                  + ", payloadBytes=0, tasks=8: \\w*(ActorDied|ActorError|Actor)\\w*: .*")
          .doesNotContain("\n");
      assertThat(named.get("ray-tasks").outcome())
          .as(named.get("ray-tasks").error())
          .isEqualTo(StrategyResult.Outcome.Succeeded);
    }
    assertNoPythonWorkerLeft();
  }

  /**
   * No Python worker program of this class's runs is left: none started since the class began,
   * given a few seconds to exit after its driver (other builds on the machine may run their own).
   */
  private static void assertNoPythonWorkerLeft() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(
                        ProcessHandle.allProcesses()
                            .filter(
                                p ->
                                    p.info()
                                        .startInstant()
                                        .orElse(Instant.MIN)
                                        .isAfter(CLASS_STARTED))
                            .filter(
                                p ->
                                    p.info()
                                        .commandLine()
                                        .orElse("")
                                        .contains("gridbench-worker-")))
                    .isEmpty());
  }

  @Test
  @Order(4)
  void aPythonRayPoolActorKilledMidCellFailsThatCellByNameAndLeavesNoProcess() throws Exception {
    // CPython runs about a million rounds a second here: each task lasts a second or more, and
    // Pool.map's chunks of one task keep both actors busy through the cell.
    long compute = 3_000_000L;
    Path m =
        manifest(
            "killed-python-pool-actor",
            "compute: {values: [%d]}\npayloadBytes: {values: [0]}".formatted(compute),
            """
            - {name: py-ray-pool, type: PythonRayPool}
            - {name: ray-tasks, type: RayTasks}
            """);
    List<ProcessHandle> poolActors;
    ProcessHandle driver;
    try (GridbenchProcess gridbench = run(m)) {
      // ray.util.multiprocessing.Pool's actors are "ray::PoolActor", titled
      // "ray::PoolActor.run_batch" while they run a chunk of the cell's map.
      ProcessHandle victim =
          awaitProcesses(p -> processTitle(p).equals("ray::PoolActor.run_batch"), 1, gridbench)
              .get(0);
      poolActors = awaitProcesses(p -> processTitle(p).startsWith("ray::PoolActor"), 2, gridbench);
      driver =
          gridbench
              .process()
              .descendants()
              .filter(p -> p.info().commandLine().orElse("").contains("gridbench-worker-"))
              .findFirst()
              .orElse(null);
      assertThat(driver)
          .as("the Python driver under gridbench\n%s", gridbench.stderr())
          .isNotNull();
      System.err.println("RayClusterIT: killing Python pool actor " + victim.pid());
      victim.destroyForcibly();

      int status = gridbench.await(Duration.ofMinutes(4));

      assertThat(status).as(gridbench.stderr()).isEqualTo(GridbenchCommand.EXIT_STRATEGY_FAILED);
      Map<String, StrategyResult> named = byName(gridbench.results());
      StrategyResult python = named.get("py-ray-pool");
      System.err.println("RayClusterIT: py-ray-pool: " + python.error());
      assertThat(python.outcome()).isEqualTo(StrategyResult.Outcome.Failed);
      assertThat(python.error())
          .matches(
              "PythonRayPool Python worker \\(pid "
                  + driver.pid()
                  + ", [^)]*\\) failed during cell compute="
                  + compute
                  + ", payloadBytes=0, tasks=8: \\w*(ActorDied|ActorError|Actor)\\w*: .*")
          .doesNotContain("\n");
      assertThat(python.cells()).isEmpty();
      assertThat(named.get("ray-tasks").outcome())
          .as(named.get("ray-tasks").error())
          .isEqualTo(StrategyResult.Outcome.Succeeded);
    }
    // No process of the strategy is left: its Python driver, and both pool actors (the killed one
    // and the one the driver's pool.terminate() ended), by PID. Ray ends an actor's worker process
    // asynchronously: waited for, generously.
    assertThat(driver.isAlive()).as("Python driver pid %d", driver.pid()).isFalse();
    for (ProcessHandle actor : poolActors) {
      assertThat(actor.onExit())
          .as("pool actor pid %d", actor.pid())
          .succeedsWithin(Duration.ofMinutes(1));
    }
  }

  /**
   * The title of a process of the cluster: Ray's Python workers set theirs to {@code ray::Class}
   * and, while a call runs, {@code ray::Class.method}; "" once the process is gone.
   */
  private static String processTitle(ProcessHandle p) {
    try {
      String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      int end = cmdline.indexOf('\0');
      return end < 0 ? cmdline : cmdline.substring(0, end);
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }

  /**
   * The cluster's processes started after {@code gridbench} that match {@code what}, once there are
   * {@code count} (polled: a process title is no event one can wait on).
   */
  private static List<ProcessHandle> awaitProcesses(
      Predicate<ProcessHandle> what, int count, GridbenchProcess gridbench) throws Exception {
    Instant since = gridbench.process().info().startInstant().orElseThrow();
    long deadline = System.nanoTime() + WORKERS_START.toNanos();
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> found =
          allProcesses().stream()
              .filter(p -> p.info().startInstant().orElse(Instant.MIN).isAfter(since))
              .filter(what)
              .toList();
      if (found.size() >= count) {
        return found;
      }
      assertThat(gridbench.process().isAlive()).as(gridbench.stderr()).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError(
        "not " + count + " such processes within " + WORKERS_START + ":\n" + gridbench.stderr());
  }

  @Test
  @Order(5)
  void anActorWorkerKilledMidCellFailsThatCellByNameAndTheNextStrategyRuns() throws Exception {
    Path m =
        manifest(
            "killed-actor",
            "compute: {values: [%d]}\npayloadBytes: {values: [0]}".formatted(LONG_COMPUTE),
            """
            - {name: ray-actors, type: RayActors}
            - {name: ray-tasks, type: RayTasks}
            """);
    try (GridbenchProcess gridbench = run(m)) {
      List<ProcessHandle> workers = awaitJavaWorkers(RayClusterIT::allProcesses, 2, gridbench);
      awaitReady(gridbench, "ray-actors");
      Thread.sleep(3000); // the cell's first calls are running
      ProcessHandle victim =
          workers.stream().filter(RayClusterIT::isJavaWorker).findFirst().orElseThrow();
      System.err.println("RayClusterIT: killing Java worker " + victim.pid());
      victim.destroyForcibly();
      Instant killedAt = Instant.now();

      int status = gridbench.await(Duration.ofMinutes(4));

      assertThat(status).as(gridbench.stderr()).isEqualTo(GridbenchCommand.EXIT_STRATEGY_FAILED);
      Map<String, StrategyResult> named = byName(gridbench.results());
      StrategyResult actors = named.get("ray-actors");
      assertThat(actors.outcome()).isEqualTo(StrategyResult.Outcome.Failed);
      assertThat(actors.error())
          .matches(
              "RayActors: actor [01] (died|failed) during cell compute="
                  + LONG_COMPUTE
                  + ", payloadBytes=0, tasks=8 \\(.*\\)");
      assertThat(actors.finishedAt()).isNotNull();
      // From the kill, not the strategy's start, which includes the workers' start-up.
      assertThat(Duration.between(killedAt, actors.finishedAt()))
          .isLessThan(Duration.ofSeconds(60));
      assertThat(named.get("ray-tasks").outcome()).isEqualTo(StrategyResult.Outcome.Succeeded);
      assertThat(Duration.between(killedAt, Instant.now())).isLessThan(Duration.ofMinutes(3));
    }
  }

  @Test
  @Order(6)
  void actorResourcesPlaceTheActorsAndARequestTheClusterCannotHoldFailsBeforeItsCells()
      throws Exception {
    Path m =
        manifest(
            "placed",
            "compute: {values: [0]}\npayloadBytes: {values: [0, 1000]}",
            """
            - {name: ray-pool, type: RayPool, actorResources: {%s: 1}}
            - {name: ray-actors, type: RayActors, workers: 3, actorResources: {CPU: 1}}
            - {name: ray-tasks, type: RayTasks}
            """
                .formatted(SECOND_NODE));
    try (GridbenchProcess gridbench = run(m)) {
      int status = gridbench.await(Duration.ofMinutes(4));

      assertThat(status).as(gridbench.stderr()).isEqualTo(GridbenchCommand.EXIT_STRATEGY_FAILED);
      Map<String, StrategyResult> named = byName(gridbench.results());
      StrategyResult pool = named.get("ray-pool");
      assertThat(pool.outcome()).as(pool.error()).isEqualTo(StrategyResult.Outcome.Succeeded);
      assertThat(pool.actorsPerNode()).containsExactly(Map.entry(second.nodeName(), 2));
      StrategyResult actors = named.get("ray-actors");
      assertThat(actors.outcome()).isEqualTo(StrategyResult.Outcome.Failed);
      // The head offers no CPU, the second node 2: room for 2 actors of one CPU, not 3.
      assertThat(actors.error())
          .startsWith(
              "RayActors: actorResources {CPU=1.0} fit 2 actors on the cluster's nodes, not the 3"
                  + " workers asked for (nodes offer ")
          .contains(second.nodeName() + " {CPU=2.0}");
      assertThat(actors.cells()).isEmpty();
      assertThat(Duration.between(actors.startedAt(), actors.finishedAt()))
          .isLessThan(Duration.ofSeconds(30));
      assertThat(named.get("ray-tasks").outcome()).isEqualTo(StrategyResult.Outcome.Succeeded);
    }
  }

  @Test
  @Order(7)
  void anUnreachableAddressExitsWith2AtOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path m =
        manifest(
            "unreachable",
            "compute: {values: [0]}\npayloadBytes: {values: [0]}",
            "- {name: ray-tasks, type: RayTasks}");
    long t0 = System.nanoTime();
    try (GridbenchProcess gridbench =
        GridbenchProcess.start(
            tmp, "run", m.toString(), "--ray-address", "127.0.0.1:" + port, "--no-calibrate")) {
      int status = gridbench.await(Duration.ofSeconds(30));

      assertThat(status).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
      assertThat(gridbench.stderr().strip().lines().toList())
          .singleElement()
          .asString()
          .startsWith("gridbench: --ray-address: no Ray GCS at 127.0.0.1:" + port);
    }
  }

  @Test
  @Order(8)
  void theSecondNodeStoppedMidCellFailsThatCellByNameAndTheNextStrategyRuns() throws Exception {
    Path m =
        manifest(
            "stopped-node",
            "compute: {values: [%d]}\npayloadBytes: {values: [0]}".formatted(LONG_COMPUTE),
            """
            - {name: ray-pool, type: RayPool, actorResources: {%s: 1}}
            - {name: single, type: SingleThread}
            """
                .formatted(SECOND_NODE));
    // The next strategy is a local one: the driver attaches to one raylet of its IP, and here all
    // nodes share one IP, so the stopped node may have been the driver's own raylet, after which
    // no Ray call of that driver can succeed (seen in CI: RayTasks' tasks "died" with no worker
    // started anywhere). On a real cluster the driver's node is not the one lost.
    try (GridbenchProcess gridbench = run(m)) {
      awaitJavaWorkers(second::processes, 2, gridbench);
      awaitReady(gridbench, "ray-pool");
      Thread.sleep(3000); // the cell's first chunks are running
      second.kill();
      Instant killedAt = Instant.now();

      int status = gridbench.await(Duration.ofMinutes(8));

      assertThat(status).as(gridbench.stderr()).isEqualTo(GridbenchCommand.EXIT_STRATEGY_FAILED);
      Map<String, StrategyResult> named = byName(gridbench.results());
      StrategyResult pool = named.get("ray-pool");
      assertThat(pool.outcome()).isEqualTo(StrategyResult.Outcome.Failed);
      assertThat(pool.error())
          .matches(
              "RayPool: actor [01] (died|failed) during cell compute="
                  + LONG_COMPUTE
                  + ", payloadBytes=0, tasks=8 \\(.*\\)");
      // From the stop, not the strategy's start, which includes the workers' start-up.
      assertThat(Duration.between(killedAt, pool.finishedAt())).isLessThan(Duration.ofSeconds(90));
      assertThat(named.get("single").outcome())
          .as(named.get("single").error())
          .isEqualTo(StrategyResult.Outcome.Succeeded);
      assertThat(named.get("single").cells()).hasSize(1);
    }
  }

  /**
   * Every strategy of {@code results} succeeded on the cluster with {@code cells} cells, each with
   * the kernel's reference checksum.
   */
  private static void assertSucceededOnTheClusterWithReferenceChecksums(
      SweepResults results, BenchmarkSweepSpec spec, int cells) {
    for (StrategyResult s : results.strategies()) {
      assertThat(s.outcome())
          .as(s.name() + ": " + s.error())
          .isEqualTo(StrategyResult.Outcome.Succeeded);
      assertThat(s.mode()).isEqualTo(ExecutionMode.RAY_CLUSTER);
      assertThat(s.cells()).hasSize(cells);
      for (CellResult c : s.cells()) {
        long reference =
            CellWork.prepare(
                    c.compute(),
                    c.payloadBytes(),
                    spec.effectiveTasksPerCell(),
                    spec.getGrid().effectiveResultBytes())
                .referenceChecksum();
        assertThat(c.checksum())
            .as(s.name() + " " + c.compute() + "x" + c.payloadBytes())
            .isEqualTo(Checksums.format(reference));
      }
    }
  }

  /**
   * Waits until {@code strategy}'s actors have all answered their start-up call: only then is a
   * fault "during a cell" (before, on a loaded machine, it is one during start-up).
   */
  private static void awaitReady(GridbenchProcess gridbench, String strategy) throws Exception {
    long deadline = System.nanoTime() + WORKERS_START.toNanos();
    while (System.nanoTime() < deadline) {
      if (gridbench.stderr().contains("gridbench: strategy " + strategy + " ready")) {
        return;
      }
      assertThat(gridbench.process().isAlive()).as(gridbench.stderr()).isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError(strategy + " not ready within " + WORKERS_START);
  }

  /**
   * A Java worker: a {@code java} executable running Ray's worker main class. The raylet's
   * arguments name that class too, in the worker command it holds.
   */
  private static boolean isJavaWorker(ProcessHandle p) {
    // Read from /proc: ProcessHandle.Info reported the raylet's very long command line as java's.
    Path proc = Path.of("/proc", Long.toString(p.pid()));
    try {
      String exe = Files.readSymbolicLink(proc.resolve("exe")).toString();
      List<String> argv = List.of(Files.readString(proc.resolve("cmdline")).split("\0"));
      return exe.endsWith("/bin/java") && argv.contains(WORKER_MAIN);
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  /**
   * The Java worker processes among {@code processes} started after {@code gridbench} (so none of
   * an earlier run's exiting workers), once there are {@code count}.
   */
  private static List<ProcessHandle> awaitJavaWorkers(
      Supplier<List<ProcessHandle>> processes, int count, GridbenchProcess gridbench)
      throws Exception {
    Instant since = gridbench.process().info().startInstant().orElseThrow();
    long deadline = System.nanoTime() + WORKERS_START.toNanos();
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> workers =
          processes.get().stream()
              .filter(RayClusterIT::isJavaWorker)
              .filter(p -> p.info().startInstant().orElse(Instant.MIN).isAfter(since))
              .toList();
      if (workers.size() >= count) {
        return workers;
      }
      assertThat(gridbench.process().isAlive()).as(gridbench.stderr()).isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no " + count + " Java workers within " + WORKERS_START + ":\n" + gridbench.stderr());
  }
}
