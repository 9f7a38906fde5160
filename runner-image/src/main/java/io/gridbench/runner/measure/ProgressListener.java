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

  /**
   * The strategy is open, its pool up and ready for the first cell; {@code actorsPerNode} says
   * where its long-lived Ray actors run (empty for strategies without any).
   */
  default void strategyReady(StrategySpec strategy, Map<String, Integer> actorsPerNode) {}

  /** A cell is measured; {@code done} counts the pairs finished so far, including skipped ones. */
  default void cellMeasured(StrategySpec strategy, CellResult cell, int done, int totalCells) {}

  default void strategyFinished(StrategyResult result) {}

  /** A listener that tells each of {@code listeners}, in this order. */
  static ProgressListener all(ProgressListener... listeners) {
    List<ProgressListener> each = List.of(listeners);
    return new ProgressListener() {
      @Override
      public void runStarted(int totalCells, Map<String, List<CellKey>> toMeasure) {
        each.forEach(l -> l.runStarted(totalCells, toMeasure));
      }

      @Override
      public void strategyStarted(StrategySpec strategy) {
        each.forEach(l -> l.strategyStarted(strategy));
      }

      @Override
      public void strategyReady(StrategySpec strategy, Map<String, Integer> actorsPerNode) {
        each.forEach(l -> l.strategyReady(strategy, actorsPerNode));
      }

      @Override
      public void cellMeasured(StrategySpec strategy, CellResult cell, int done, int totalCells) {
        each.forEach(l -> l.cellMeasured(strategy, cell, done, totalCells));
      }

      @Override
      public void strategyFinished(StrategyResult result) {
        each.forEach(l -> l.strategyFinished(result));
      }
    };
  }
}
