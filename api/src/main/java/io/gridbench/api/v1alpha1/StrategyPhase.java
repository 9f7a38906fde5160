package io.gridbench.api.v1alpha1;

/** Where one strategy of a sweep stands. */
public enum StrategyPhase {
  /** Waiting for its turn: no Job yet. */
  Pending,
  /** Its Job exists and has not finished. */
  Running,
  /** Its Job completed. */
  Succeeded,
  /** Its Job failed after exhausting its retries. */
  Failed;

  public boolean isFinished() {
    return this == Succeeded || this == Failed;
  }
}
