package io.gridbench.runner.strategy;

/** How many tasks one message carries by default, as Python's {@code Pool.map} decides it. */
public final class PoolMapChunks {
  private PoolMapChunks() {}

  /** {@code multiprocessing.Pool.map}'s default: ceil(tasks / (4 * workers)). */
  public static int defaultSize(int tasks, int workers) {
    return Math.max(1, (tasks + 4 * workers - 1) / (4 * workers));
  }
}
