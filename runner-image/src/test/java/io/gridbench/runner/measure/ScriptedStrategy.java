package io.gridbench.runner.measure;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/** A strategy for tests: computes the reference checksum, with switches to misbehave. */
final class ScriptedStrategy implements Strategy {
  final List<CellKey> visited = new ArrayList<>();
  int failOnCall = -1;
  int throwOnCall = -1;
  long corruptXor;

  /** When set, every call advances this clock by {@code nanosForCall(call number)}. */
  FakeTicker ticker;

  LongUnaryOperator nanosForCall = call -> 1_000_000;
  boolean opened;
  boolean closed;
  int cpus = Runtime.getRuntime().availableProcessors();
  boolean sizedByWorkers = true;
  private int calls;

  @Override
  public void open() {
    opened = true;
  }

  @Override
  public long runCell(CellWork cell) throws StrategyException {
    calls++;
    if (calls == throwOnCall) {
      throw new IllegalStateException("scripted bug");
    }
    if (calls == failOnCall) {
      throw new StrategyException("scripted failure during cell " + cell.key());
    }
    visited.add(cell.key());
    if (ticker != null) {
      ticker.now += nanosForCall.applyAsLong(calls);
    }
    return cell.referenceChecksum() ^ corruptXor;
  }

  @Override
  public int cpus() {
    return cpus;
  }

  @Override
  public boolean sizedByWorkers() {
    return sizedByWorkers;
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
