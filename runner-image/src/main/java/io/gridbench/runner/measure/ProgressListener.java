package io.gridbench.runner.measure;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.v1alpha1.StrategySpec;
import java.util.List;
import java.util.Map;

/** Hears about a run as it goes: progress displays, result sinks. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /**
   * The run will measure {@code totalCells} (strategy, cell) pairs; {@code toMeasure} lists, by
   * strategy name, the cells still to measure (those of a resumed run excluded).
   */
  default void runStarted(int totalCells, Map<String, List<CellKey>> toMeasure) {}

  default void strategyStarted(StrategySpec strategy) {}

  /** A cell is measured; {@code done} counts the pairs finished so far, including skipped ones. */
  default void cellMeasured(StrategySpec strategy, CellResult cell, int done, int totalCells) {}

  default void strategyFinished(StrategyResult result) {}
}
