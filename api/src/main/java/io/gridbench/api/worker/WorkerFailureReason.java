package io.gridbench.api.worker;

/**
 * Why a worker pod (or a Ray strategy's submit pod) failed, as it writes it into its termination
 * message and the operator reads it back into the strategy's status. A contract across a process
 * boundary, so both sides use this enum; no name equals a reason the operator writes on its own.
 */
public enum WorkerFailureReason {
  /** The plan file is missing or unreadable, or no strategy was named. */
  InvalidPlan,
  /** A Ray strategy could not reach its Ray cluster. */
  RayUnavailable,
  /** The strategy itself failed while measuring (a checksum mismatch, a pool that broke). */
  MeasurementFailed,
  /** Recorded results could not be used (an entry that does not parse, another sweep's map). */
  ResultsUnusable,
  /** The API server refused or could not take a result. */
  ResultsNotWritten,
  /** Ray submit pod: the head's Jobs API did not answer in time. */
  DashboardUnreachable,
  /** Ray submit pod: {@code ray job submit} failed. */
  SubmitFailed,
  /** Ray submit pod: the Jobs API forgot the driver it was following. */
  RayJobLost,
  /** Ray submit pod: the driver ended without saying why. */
  RayJobFailed
}
