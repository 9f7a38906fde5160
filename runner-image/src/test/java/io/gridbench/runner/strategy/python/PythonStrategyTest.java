package io.gridbench.runner.strategy.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    PythonStrategy s = PythonStrategy.pool(PythonFixtures.python(), 2, false, 1, StartMethod.FORK);
    s.open();
    long worker = s.workerPid();
    List<Long> pool = s.childPids();
    assertThat(pool).hasSize(2);
    CellWork cell = CellWork.prepare(LONG_COMPUTE, 64, 4, 8);
    s.stage(cell);
    ExecutorService driver = Executors.newSingleThreadExecutor();
    Future<Long> running = driver.submit(() -> s.runCell(cell));
    Thread.sleep(500);
    assertThat(running).isNotDone();
    // SIGKILL: the worker can neither answer nor stop its pool; the pool must still not outlive it.
    ProcessHandle.of(worker).orElseThrow().destroyForcibly();

    assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(StrategyException.class)
        .hasMessageStartingWith("PythonPool Python worker (pid " + worker + ", exit status 137)")
        .hasMessageContaining("failed during cell compute=" + LONG_COMPUTE + ", payloadBytes=64")
        .hasMessageContaining("its output pipe closed");
    driver.shutdown();
    s.close();
    List<Long> all = new ArrayList<>(pool);
    all.add(worker);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> all.stream().noneMatch(PythonStrategyTest::alive));
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void poolProcessKilledMidCellFailsTheCellByNameInsteadOfHanging() throws Exception {
    PythonStrategy s = PythonStrategy.pool(PythonFixtures.python(), 2, false, 1, StartMethod.FORK);
    s.open();
    long worker = s.workerPid();
    List<Long> pool = s.childPids();
    CellWork cell = CellWork.prepare(LONG_COMPUTE, 0, 4, 8);
    ExecutorService driver = Executors.newSingleThreadExecutor();
    Future<Long> running = driver.submit(() -> s.runCell(cell));
    Thread.sleep(500);
    assertThat(running).isNotDone();
    ProcessHandle.of(pool.get(1)).orElseThrow().destroyForcibly();

    // multiprocessing.Pool alone would wait forever for the lost task.
    assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(StrategyException.class)
        .hasMessageContaining("failed during cell compute=" + LONG_COMPUTE + ", payloadBytes=0")
        .hasMessageEndingWith(
            "RuntimeError: pool worker pid "
                + pool.get(1)
                + " died during the cell (killed by"
                + " signal 9)");
    driver.shutdown();
    s.close();
    List<Long> all = new ArrayList<>(pool);
    all.add(worker);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> all.stream().noneMatch(PythonStrategyTest::alive));
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
}
