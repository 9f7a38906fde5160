package io.gridbench.runner.strategy.process;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.v1alpha1.Transport;
import io.gridbench.runner.strategy.PoolMapChunks;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.util.List;

/**
 * The analog of Python's {@code multiprocessing.Pool}: worker JVMs started from the runner's own
 * classpath, tasks and payloads serialized over pipes (or payloads in shared memory). With {@code
 * rebuild} the pool is started and torn down inside every measured cell.
 */
public final class ProcessPoolStrategy implements Strategy {
  private static final long WARM_UP_BUDGET_NANOS = 500_000_000L;
  private final int workers;
  private final boolean rebuild;
  private final Integer chunkSize;
  private final Transport transport;
  // Read by workerPids() from other threads while a cell runs.
  private volatile ProcessWorkerPool pool;
  private SharedPayloadSegment segment;
  // Decided once in open(), outside every sample; a rebuilt pool starts each cell's workers from
  // it.
  private String workerClasspath;
  private CellWork staged;

  public ProcessPoolStrategy(int workers, boolean rebuild, Integer chunkSize, Transport transport) {
    this.workers = workers;
    this.rebuild = rebuild;
    this.chunkSize = chunkSize;
    this.transport = transport;
  }

  @Override
  public void open() throws StrategyException {
    workerClasspath = WorkerJar.classpath(WorkerJar.defaultDir());
    if (!rebuild) {
      pool = ProcessWorkerPool.start(workers, workerClasspath, rebuild);
      pool.warmUp(WARM_UP_BUDGET_NANOS, transport == Transport.SHM);
    }
  }

  /**
   * With the shm transport, writes the cell's payloads into the shared segment, as a program that
   * keeps its data in shared memory would have it from the start; the pipe transport copies them
   * inside the sample instead.
   */
  @Override
  public void stage(CellWork cell) throws StrategyException {
    if (transport != Transport.SHM || staged == cell) {
      return;
    }
    long bytes = (long) cell.tasks() * cell.payloadBytes();
    try {
      if (segment == null || segment.capacity() < bytes) {
        if (segment != null) {
          segment.close();
        }
        segment = SharedPayloadSegment.create(bytes);
      }
    } catch (java.io.IOException e) {
      throw new StrategyException(
          "cannot create the shared payload segment for cell " + cell.key() + ": " + e.getMessage(),
          e);
    }
    for (int t = 0; t < cell.tasks(); t++) {
      segment.put((long) t * cell.payloadBytes(), cell.payload(t));
    }
    staged = cell;
  }

  @Override
  public long runCell(CellWork cell) throws StrategyException {
    int chunk = chunkSize != null ? chunkSize : PoolMapChunks.defaultSize(cell.tasks(), workers);
    if (transport == Transport.SHM) {
      stage(cell);
    }
    if (!rebuild) {
      return pool.runCell(cell, chunk, segment);
    }
    try (ProcessWorkerPool fresh = ProcessWorkerPool.start(workers, workerClasspath, rebuild)) {
      pool = fresh;
      return fresh.runCell(cell, chunk, segment);
    } finally {
      pool = null;
    }
  }

  /** The process ids of the running workers (empty between cells of a rebuilding pool). */
  public List<Long> workerPids() {
    ProcessWorkerPool current = pool;
    return current == null ? List.of() : current.pids();
  }

  @Override
  public ExecutionMode mode() {
    return ExecutionMode.LOCAL;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
    if (segment != null) {
      segment.close();
      segment = null;
      staged = null;
    }
  }
}
