package io.gridbench.runner.measure;

import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.v1alpha1.StrategySpec;

/** Hears about a run as it goes: progress displays, result sinks. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** The run will measure {@code totalCells} (strategy, cell) pairs. */
  default void runStarted(int totalCells) {}

  default void strategyStarted(StrategySpec strategy) {}

  /** A cell is measured; {@code done} counts the pairs finished so far, including skipped ones. */
  default void cellMeasured(StrategySpec strategy, CellResult cell, int done, int totalCells) {}

  default void strategyFinished(StrategyResult result) {}
}
