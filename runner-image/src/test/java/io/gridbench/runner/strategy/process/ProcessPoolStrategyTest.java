package io.gridbench.runner.strategy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridbench.api.v1alpha1.Transport;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ProcessPoolStrategyTest {

  @Test
  void reusedPoolKeepsItsWorkersAcrossCells() throws Exception {
    try (ProcessPoolStrategy pool = new ProcessPoolStrategy(2, false, null, Transport.PIPE)) {
      pool.open();
      List<Long> pids = pool.workerPids();
      assertThat(pids).hasSize(2);
      CellWork cell = CellWork.prepare(100, 1000, 8, 8);
      pool.runCell(cell);
      pool.runCell(cell);
      assertThat(pool.workerPids()).isEqualTo(pids);
      assertThat(pids).allMatch(ProcessPoolStrategyTest::alive);
      pool.close();
      assertThat(pids).noneMatch(ProcessPoolStrategyTest::alive);
    }
  }

  @Test
  void rebuiltPoolStartsFreshWorkersInsideEveryCellAndStopsThem() throws Exception {
    try (ProcessPoolStrategy pool = new ProcessPoolStrategy(2, true, null, Transport.PIPE)) {
      pool.open();
      assertThat(pool.workerPids()).as("no pool outside a cell").isEmpty();
      CellWork cell = CellWork.prepare(100, 1000, 8, 8);
      assertThat(pool.runCell(cell)).isEqualTo(cell.referenceChecksum());
      assertThat(pool.workerPids()).as("the cell's pool is torn down at its end").isEmpty();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void workerKilledMidCellFailsTheCellByNameAndLeavesNoOrphan() throws Exception {
    ProcessPoolStrategy pool = new ProcessPoolStrategy(2, false, 1, Transport.PIPE);
    pool.open();
    List<Long> pids = pool.workerPids();
    // Long enough per task (about 0.4 s here) that the cell is still running when the kill lands,
    // even on a machine several times faster.
    CellWork cell = CellWork.prepare(400_000_000L, 64, 40, 8);
    ExecutorService driver = Executors.newSingleThreadExecutor();
    Future<Long> running = driver.submit(() -> pool.runCell(cell));
    Thread.sleep(300);
    assertThat(running).isNotDone();
    ProcessHandle.of(pids.get(1)).orElseThrow().destroyForcibly();

    assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(StrategyException.class)
        .hasMessageContaining("died during cell compute=400000000, payloadBytes=64")
        .hasMessageContaining("pid " + pids.get(1))
        .hasMessageContaining("its output pipe closed");
    driver.shutdown();
    pool.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pids.stream().noneMatch(ProcessPoolStrategyTest::alive));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void resultsTooLargeToPipelineStillComeBackWhilePayloadsGoOut() throws Exception {
    // 4 tasks of 200 kB results per chunk: far more than a pipe holds, so each worker gets one
    // chunk at a time; two in flight would deadlock with the worker blocked writing results.
    CellWork cell = CellWork.prepare(10, 300_000, 16, 200_000);
    try (ProcessPoolStrategy pool = new ProcessPoolStrategy(2, false, 4, Transport.PIPE)) {
      pool.open();
      assertThat(pool.runCell(cell)).isEqualTo(cell.referenceChecksum());
    }
  }

  @Test
  void smallAndOddCellsMatchTheReferenceWithEveryChunking() throws Exception {
    try (ProcessPoolStrategy pool = new ProcessPoolStrategy(3, false, 2, Transport.PIPE)) {
      pool.open();
      for (CellWork cell :
          List.of(
              CellWork.prepare(0, 0, 1, 8),
              CellWork.prepare(7, 4095, 7, 9),
              CellWork.prepare(3, 5000, 5, 4100))) {
        assertThat(pool.runCell(cell))
            .as(cell.key().toString())
            .isEqualTo(cell.referenceChecksum());
      }
    }
  }

  @Test
  void shmTransportDeletesItsSegmentOnClose() throws Exception {
    // Other builds on the machine may have segments of their own: only new names count.
    Set<Path> before = shmSegments();
    CellWork cell = CellWork.prepare(10, 100_000, 6, 8);
    try (ProcessPoolStrategy pool = new ProcessPoolStrategy(2, false, null, Transport.SHM)) {
      pool.open();
      assertThat(pool.runCell(cell)).isEqualTo(cell.referenceChecksum());
      // A larger cell makes the pool move to a larger segment and remap the workers.
      CellWork bigger = CellWork.prepare(10, 300_000, 6, 8);
      assertThat(pool.runCell(bigger)).isEqualTo(bigger.referenceChecksum());
    }
    assertThat(shmSegments()).as("segments left by the pool").isSubsetOf(before);
  }

  /** The pools' segments in /dev/shm, or the temp directory where there is no /dev/shm. */
  private static Set<Path> shmSegments() throws IOException {
    Path dir = Path.of("/dev/shm");
    if (!Files.isDirectory(dir)) {
      dir = Path.of(System.getProperty("java.io.tmpdir"));
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("gridbench-shm-"))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void workerExitsWhenItsDriverGoesAway() throws Exception {
    WorkerProcess worker =
        WorkerProcess.start(0, WorkerJar.classpath(WorkerJar.defaultDir()), false);
    worker.awaitReady();
    // A driver that dies closes the worker's stdin; that alone must end the worker.
    worker.closeInput();
    await().atMost(Duration.ofSeconds(10)).until(() -> !worker.isAlive());
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
