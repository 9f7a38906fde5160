package io.gridbench.runner.strategy;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.workload.CellWork;

/** Every task in the calling thread: the baseline all others are compared with. */
public final class SingleThreadStrategy implements Strategy {

  @Override
  public long runCell(CellWork cell) {
    long checksum = 0;
    for (int i = 0; i < cell.tasks(); i++) {
      checksum ^= cell.digestOf(i, cell.runTask(i));
    }
    return checksum;
  }

  @Override
  public boolean sizedByWorkers() {
    return false;
  }

  @Override
  public ExecutionMode mode() {
    return ExecutionMode.LOCAL;
  }

  @Override
  public void close() {}
}
