package io.gridbench.runner.strategy.process;

import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;

/**
 * The pipe floor that {@code gridbench calibrate} reports: one ProcessPool worker, each task sent
 * alone and its result read back before the next is sent. Unlike a pool's cell, nothing overlaps,
 * so the time per task is a true round trip.
 */
public final class PipeRoundTrip implements AutoCloseable {
  private final ProcessWorkerPool pool;

  private PipeRoundTrip(ProcessWorkerPool pool) {
    this.pool = pool;
  }

  /** Starts the worker, as a ProcessPool starts its workers. */
  public static PipeRoundTrip start() throws StrategyException {
    return new PipeRoundTrip(
        ProcessWorkerPool.start(1, WorkerJar.classpath(WorkerJar.defaultDir()), false));
  }

  /** Runs every task of {@code cell} as its own round trip; returns the xor of the digests. */
  public long run(CellWork cell) throws StrategyException {
    return pool.runOneByOne(cell);
  }

  @Override
  public void close() {
    pool.close();
  }
}
