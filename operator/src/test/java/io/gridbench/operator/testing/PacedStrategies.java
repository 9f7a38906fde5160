package io.gridbench.operator.testing;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.workload.CellWork;

/**
 * A strategy that does no work but takes {@code millis} per cell run and returns the right
 * checksum: lets tests pace workers without burning the shared CPUs.
 */
public final class PacedStrategies implements StrategyProvider {
  private final long millis;

  public PacedStrategies(long millis) {
    this.millis = millis;
  }

  @Override
  public Strategy create(StrategySpec spec, int workers) {
    return new Strategy() {
      @Override
      public long runCell(CellWork cell) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return cell.referenceChecksum();
      }

      @Override
      public ExecutionMode mode() {
        return ExecutionMode.LOCAL;
      }

      @Override
      public void close() {}
    };
  }
}
