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

  /**
   * Whether the pool size given at creation decides how many tasks run at once; false for a
   * strategy that runs tasks one by one or leaves placement to its runtime (Ray tasks). The runner
   * re-sizes only such strategies along a workers axis.
   */
  default boolean sizedByWorkers() {
    return true;
  }

  /**
   * The CPUs this strategy's workers share, once {@link #open} has returned: a pool with more
   * workers than this is oversubscribed. This machine's processors unless the strategy runs
   * elsewhere.
   */
  default int cpus() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Where this strategy's figures are measured. */
  ExecutionMode mode();

  /** Releases everything the strategy started; never throws, safe to call twice. */
  @Override
  void close();
}
