package io.gridbench.runner.strategy;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.workload.CellWork;
import java.util.Map;

/**
 * A way of distributing the tasks of a cell. The measurement harness times {@link #runCell} alone:
 * whatever a strategy sets up in {@link #open} is outside the samples, whatever it sets up inside
 * {@code runCell} (a pool rebuilt per cell) is inside them.
 */
public interface Strategy extends AutoCloseable {

  /** Starts resources kept for the whole grid. Not timed. */
  default void open() throws StrategyException {}

  /**
   * Places a prepared cell where this strategy's workers read it, before the cell's samples are
   * taken; not timed. Only a strategy whose payloads live outside the driver's heap needs this.
   */
  default void stage(CellWork cell) throws StrategyException {}

  /**
   * Runs every task of {@code cell} and returns the xor of the task digests, from submitting the
   * first task to holding the last result.
   */
  long runCell(CellWork cell) throws StrategyException;

  /**
   * Where this strategy's long-lived workers run, as workers per node, once {@link #open} has
   * returned; empty when it has none to place (local strategies, Ray tasks, pools rebuilt per
   * cell).
   */
  default Map<String, Integer> actorsPerNode() {
    return Map.of();
  }

  /** Where this strategy's figures are measured. */
  ExecutionMode mode();

  /** Releases everything the strategy started; never throws, safe to call twice. */
  @Override
  void close();
}
