package io.gridbench.runner.strategy.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.gridbench.api.v1alpha1.StartMethod;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The local Python strategies against a real python3: protocol, checksums and failures. */
class PythonStrategyTest {

  /** Python runs about a million SplitMix64 rounds per second: a task of this lasts seconds. */
  private static final long LONG_COMPUTE = 5_000_000L;

  /** CPU a pool process has used once it computes a task: its start and warm-up cost far less. */
  private static final long BUSY_CPU_MILLIS = 150;

  @TempDir Path dir;

  private static List<CellWork> cells() {
    return List.of(
        CellWork.prepare(0, 0, 4, 8),
        CellWork.prepare(1000, 100, 8, 8),
        CellWork.prepare(12345, 4099, 16, 24));
  }

  @Test
  void singleThreadRunsEveryCellInTheWorkerAndGivesTheKernelsChecksums() throws Exception {
    try (PythonStrategy s = PythonStrategy.singleThread(PythonFixtures.python())) {
      s.open();
      assertThat(s.childPids()).as("no pool").isEmpty();
      for (CellWork cell : cells()) {
        s.stage(cell);
        assertThat(s.runCell(cell)).as(cell.key().toString()).isEqualTo(cell.referenceChecksum());
        assertThat(s.runCell(cell)).isEqualTo(cell.referenceChecksum());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StartMethod.class)
  void reusedPoolKeepsItsProcessesAndGivesTheKernelsChecksums(StartMethod method) throws Exception {
    PythonStrategy s = PythonStrategy.pool(PythonFixtures.python(), 2, false, null, method);
    List<Long> processes;
    try (s) {
      s.open();
      processes = s.childPids();
      // Two pool processes, plus the fork server or spawn's resource tracker.
      assertThat(processes).hasSizeGreaterThanOrEqualTo(2);
      for (CellWork cell : cells()) {
        assertThat(s.runCell(cell)).as(cell.key().toString()).isEqualTo(cell.referenceChecksum());
      }
      assertThat(s.childPids()).containsAll(processes);
    }
    // The fork server and spawn's resource tracker leave when their pipe from the worker closes.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> processes.stream().noneMatch(PythonStrategyTest::alive));
  }

  @Test
  void rebuiltPoolStartsItsProcessesInsideEveryCellAndStopsThem() throws Exception {
    try (PythonStrategy s =
        PythonStrategy.pool(PythonFixtures.python(), 2, true, 1, StartMethod.FORK)) {
      s.open();
      assertThat(s.childPids()).as("no pool outside a cell").isEmpty();
      for (CellWork cell : cells()) {
        assertThat(s.runCell(cell)).isEqualTo(cell.referenceChecksum());
        assertThat(s.childPids()).as("the cell's pool is joined at its end").isEmpty();
      }
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void workerKilledMidCellFailsTheCellByNameAndLeavesNoOrphan() throws Exception {
    try (ReusedPool p = new ReusedPool()) {
      assertThat(p.pool).hasSize(2);
      CellWork cell = CellWork.prepare(LONG_COMPUTE, 64, 4, 8);
      p.strategy.stage(cell);
      Future<Long> running = p.start(cell);
      Thread.sleep(500);
      assertThat(running).isNotDone();
      // SIGKILL: the worker can neither answer nor stop its pool; the pool must still not outlive
      // it.
      ProcessHandle.of(p.worker).orElseThrow().destroyForcibly();

      assertThat(p.failureOf(running))
          .hasMessageStartingWith(
              "PythonPool Python worker (pid " + p.worker + ", exit status 137)")
          .hasMessageContaining("failed during cell compute=" + LONG_COMPUTE + ", payloadBytes=64")
          .hasMessageContaining("its output pipe closed");
      p.closeAndAssertNothingLeft();
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void poolProcessKilledMidCellFailsTheCellByNameInsteadOfHanging() throws Exception {
    try (ReusedPool p = new ReusedPool()) {
      CellWork cell = CellWork.prepare(LONG_COMPUTE, 0, 4, 8);
      Future<Long> running = p.start(cell);
      // Killed only once it computes a task: an idle one is the next test's case.
      ProcessHandle victim = ProcessHandle.of(p.pool.get(1)).orElseThrow();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> cpuMillis(victim) >= BUSY_CPU_MILLIS && !running.isDone());
      victim.destroyForcibly();

      // multiprocessing.Pool alone would wait forever for the lost task.
      assertThat(p.failureOf(running))
          .hasMessageContaining("failed during cell compute=" + LONG_COMPUTE + ", payloadBytes=0")
          .hasMessageEndingWith(
              "PoolWorkerDied: pool worker pid "
                  + p.pool.get(1)
                  + " died during the cell (killed by signal 9)");
      p.closeAndAssertNothingLeft();
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void poolProcessesKilledBetweenCellsFailTheNextCellInsteadOfHanging() throws Exception {
    try (ReusedPool p = new ReusedPool()) {
      CellWork cell = CellWork.prepare(0, 64, 4, 8);
      assertThat(p.strategy.runCell(cell)).isEqualTo(cell.referenceChecksum());
      // Idle, one of the two waits for a task holding the pool's task-queue lock: killed, it
      // takes the lock along, and neither Pool.map nor Pool.terminate() would ever return.
      p.pool.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> p.pool.stream().allMatch(PythonStrategyTest::reaped));

      assertThat(p.failureOf(p.start(cell)))
          .hasMessageContaining("failed during cell compute=0, payloadBytes=64")
          .hasMessageMatching(
              ".*PoolWorkerDied: pool worker pid ("
                  + p.pool.get(0)
                  + "|"
                  + p.pool.get(1)
                  + ") died before the cell \\(killed by signal 9\\)$");
      p.closeAndAssertNothingLeft();
    }
  }

  @Test
  void aWorkerThatBreaksTheProtocolFailsOpenInOneLine() throws Exception {
    // Not Python: answers the runner with four bytes that are no response.
    Path liar = dir.resolve("liar");
    Files.writeString(liar, "#!/bin/sh\nprintf junk\nsleep 30\n");
    Files.setPosixFilePermissions(liar, PosixFilePermissions.fromString("rwx------"));
    PythonStrategy s =
        PythonStrategy.pool(
            new PythonInterpreter(liar, "3.11.0"), 2, false, null, StartMethod.FORK);
    assertThatThrownBy(s::open)
        .isInstanceOf(StrategyException.class)
        .hasMessageStartingWith(
            "PythonPool: the Python worker did not start: protocol error: got"
                + " response 0x6a756e6b, expected 0x67700001")
        .hasMessageNotContaining("\n");
    s.close();
  }

  @Test
  void aWorkerThatCannotStartItsPoolSaysWhyInOneLine() throws Exception {
    PythonStrategy s =
        PythonStrategy.pool(PythonFixtures.python(), 0, false, null, StartMethod.FORK);
    assertThatThrownBy(s::open)
        .isInstanceOf(StrategyException.class)
        .hasMessageMatching(
            "PythonPool: the Python worker did not start: ValueError: Number of processes must be"
                + " at least 1 \\(pid \\d+, exit status 3\\)")
        .hasMessageNotContaining("\n");
    s.close();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Gone from /proc: waited for by the pool's own thread, so the worker's check sees its exit
   * status (a check racing that thread's wait would see it only one watch slice later).
   */
  private static boolean reaped(long pid) {
    return !Files.exists(Path.of("/proc/" + pid));
  }

  private static long cpuMillis(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  /** A reused fork pool of two, opened, and a thread to run its cells on while a test kills. */
  private static final class ReusedPool implements AutoCloseable {
    final PythonStrategy strategy =
        PythonStrategy.pool(PythonFixtures.python(), 2, false, 1, StartMethod.FORK);
    final ExecutorService driver = Executors.newSingleThreadExecutor();
    final long worker;
    final List<Long> pool;

    ReusedPool() throws Exception {
      try {
        strategy.open();
      } catch (Exception e) {
        close();
        throw e;
      }
      worker = strategy.workerPid();
      pool = strategy.childPids();
    }

    Future<Long> start(CellWork cell) {
      return driver.submit(() -> strategy.runCell(cell));
    }

    /**
     * The cell's failure, awaited on this side: a read that hangs is not interruptible, so
     * {@code @Timeout} alone would not end the test.
     */
    Throwable failureOf(Future<Long> cell) {
      Throwable thrown = catchThrowable(() -> cell.get(30, TimeUnit.SECONDS));
      assertThat(thrown).isInstanceOf(ExecutionException.class);
      assertThat(thrown.getCause()).isInstanceOf(StrategyException.class);
      return thrown.getCause();
    }

    void closeAndAssertNothingLeft() {
      strategy.close();
      List<Long> all = new ArrayList<>(pool);
      all.add(worker);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> all.stream().noneMatch(PythonStrategyTest::alive));
    }

    /** Also when a test fails: a hung worker must not outlive the test JVM's build. */
    @Override
    public void close() {
      driver.shutdownNow();
      strategy.close();
    }
  }
}
