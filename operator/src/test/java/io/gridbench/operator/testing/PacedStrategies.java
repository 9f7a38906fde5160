package io.gridbench.operator.testing;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.workload.CellWork;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A strategy that does no work but takes {@code millis} per cell run and returns the right
 * checksum: lets tests pace workers without burning the shared CPUs.
 */
public final class PacedStrategies implements StrategyProvider {
  private final long millis;
  private final int dieAfterCells;
  private final int holdAfterCells;
  private final CountDownLatch gate;
  private final Set<CellKey> seen = ConcurrentHashMap.newKeySet();

  public PacedStrategies(long millis) {
    this(millis, Integer.MAX_VALUE);
  }

  /** Dies like a killed pod (a {@link PodDied} escapes the worker) on cell {@code cells + 1}. */
  public PacedStrategies(long millis, int dieAfterCells) {
    this(millis, dieAfterCells, Integer.MAX_VALUE, null);
  }

  private PacedStrategies(long millis, int dieAfterCells, int holdAfterCells, CountDownLatch gate) {
    this.millis = millis;
    this.dieAfterCells = dieAfterCells;
    this.holdAfterCells = holdAfterCells;
    this.gate = gate;
  }

  /**
   * Waits on cell {@code cells + 1} (up to a minute) until {@code gate} opens: with {@link
   * #opening}, two workers are sure to write their remaining cells at the same time.
   */
  public static PacedStrategies holdingAfter(long millis, int cells, CountDownLatch gate) {
    return new PacedStrategies(millis, Integer.MAX_VALUE, cells, gate);
  }

  /** Opens {@code gate} when its first cell starts. */
  public static PacedStrategies opening(long millis, CountDownLatch gate) {
    return new PacedStrategies(millis, Integer.MAX_VALUE, -1, gate);
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
          if (gate != null && holdAfterCells < 0) {
            gate.countDown();
          } else if (gate != null && seen.size() > holdAfterCells) {
            gate.await(1, TimeUnit.MINUTES);
          }
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
