package io.gridbench.operator.testing;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.workload.CellWork;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A strategy that does no work but takes {@code millis} per cell run and returns the right
 * checksum: lets tests pace workers without burning the shared CPUs.
 */
public final class PacedStrategies implements StrategyProvider {
  private final long millis;
  private final int dieAfterCells;
  private final Set<CellKey> seen = ConcurrentHashMap.newKeySet();

  public PacedStrategies(long millis) {
    this(millis, Integer.MAX_VALUE);
  }

  /** Dies like a killed pod (a {@link PodDied} escapes the worker) on cell {@code cells + 1}. */
  public PacedStrategies(long millis, int dieAfterCells) {
    this.millis = millis;
    this.dieAfterCells = dieAfterCells;
  }

  /**
   * The worker's JVM went away: not a strategy failure, nothing is recorded for the cell. An Error,
   * which the runner does not catch, as nothing could catch a killed process.
   */
  public static final class PodDied extends Error {
    PodDied() {
      super("pod killed");
    }
  }

  @Override
  public Strategy create(StrategySpec spec, int workers) {
    return new Strategy() {
      @Override
      public long runCell(CellWork cell) {
        seen.add(cell.key());
        if (seen.size() > dieAfterCells) {
          throw new PodDied();
        }
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
