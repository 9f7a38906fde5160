package io.gridbench.runner.strategy.process;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.v1alpha1.Transport;
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
  private final int workers;
  private final boolean rebuild;
  private final Integer chunkSize;
  private final Transport transport;
  // Read by workerPids() from other threads while a cell runs.
  private volatile ProcessWorkerPool pool;

  public ProcessPoolStrategy(int workers, boolean rebuild, Integer chunkSize, Transport transport) {
    this.workers = workers;
    this.rebuild = rebuild;
    this.chunkSize = chunkSize;
    this.transport = transport;
  }

  /** {@code multiprocessing.Pool.map}'s default: ceil(tasks / (4 * workers)). */
  public static int defaultChunkSize(int tasks, int workers) {
    return Math.max(1, (tasks + 4 * workers - 1) / (4 * workers));
  }

  @Override
  public void open() throws StrategyException {
    if (!rebuild) {
      pool = ProcessWorkerPool.start(workers, transport);
    }
  }

  @Override
  public long runCell(CellWork cell) throws StrategyException {
    int chunk = chunkSize != null ? chunkSize : defaultChunkSize(cell.tasks(), workers);
    if (!rebuild) {
      return pool.runCell(cell, chunk);
    }
    try (ProcessWorkerPool fresh = ProcessWorkerPool.start(workers, transport)) {
      pool = fresh;
      return fresh.runCell(cell, chunk);
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
  }
}
