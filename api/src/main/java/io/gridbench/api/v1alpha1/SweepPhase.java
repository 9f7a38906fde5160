package io.gridbench.api.v1alpha1;

/** Where a sweep stands, for humans and the Phase printer column. */
public enum SweepPhase {
  /** Accepted; no strategy has started yet. */
  Pending,
  /** At least one strategy is still to finish. */
  Running,
  /** Every strategy measured every cell. */
  Succeeded,
  /** Every strategy finished, some of them failed. */
  PartiallySucceeded,
  /** The spec is invalid, or every strategy failed. */
  Failed
}
