package io.gridbench.api.results;

/**
 * The coordinates of a cell in the grid. {@code workers} is {@link #STRATEGY_WORKERS} when the
 * sweep has no workers axis (each strategy then uses its own pool size).
 */
public record CellKey(long compute, long payloadBytes, int workers, int tasks) {

  /** The {@code workers} coordinate of a sweep without a workers axis. */
  public static final int STRATEGY_WORKERS = 0;

  /** Whether the workers coordinate comes from a workers axis. */
  public boolean hasWorkers() {
    return workers != STRATEGY_WORKERS;
  }

  /** The coordinates the workload (and so the checksum) depends on: the pool size is not one. */
  public CellKey work() {
    return workers == STRATEGY_WORKERS ? this : new CellKey(compute, payloadBytes, 0, tasks);
  }

  @Override
  public String toString() {
    return "compute="
        + compute
        + ", payloadBytes="
        + payloadBytes
        + (hasWorkers() ? ", workers=" + workers : "")
        + ", tasks="
        + tasks;
  }
}
