package io.gridbench.runner.measure;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.util.ArrayList;
import java.util.List;

/** A strategy for tests: computes the reference checksum, with switches to misbehave. */
final class ScriptedStrategy implements Strategy {
  final List<CellKey> visited = new ArrayList<>();
  int failOnCall = -1;
  long corruptXor;
  boolean opened;
  boolean closed;
  private int calls;

  @Override
  public void open() {
    opened = true;
  }

  @Override
  public long runCell(CellWork cell) throws StrategyException {
    calls++;
    if (calls == failOnCall) {
      throw new StrategyException("scripted failure during cell " + cell.key());
    }
    visited.add(cell.key());
    return cell.referenceChecksum() ^ corruptXor;
  }

  @Override
  public ExecutionMode mode() {
    return ExecutionMode.LOCAL;
  }

  @Override
  public void close() {
    closed = true;
  }
}
