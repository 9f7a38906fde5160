package io.gridbench.operator.status;

/** Condition types and the CamelCase reasons the operator writes into a sweep's status. */
public final class Reasons {
  private Reasons() {}

  // Condition types.
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String SPEC_APPLIED = "SpecApplied";
  public static final String DRIFTING = "Drifting";

  // Reasons.
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String SPEC_APPLIED_REASON = "SpecApplied";
  public static final String SPEC_CHANGED_AFTER_START = "SpecChangedAfterStart";
  public static final String WAITING_TO_START = "WaitingToStart";
  public static final String STRATEGY_RUNNING = "StrategyRunning";
  public static final String SWEEP_FINISHED = "SweepFinished";
  public static final String ALL_STRATEGIES_SUCCEEDED = "AllStrategiesSucceeded";
  public static final String SOME_STRATEGIES_FAILED = "SomeStrategiesFailed";
  public static final String ALL_STRATEGIES_FAILED = "AllStrategiesFailed";
  public static final String STRATEGIES_RUNNING = "StrategiesRunning";
  public static final String STRATEGY_FAILED = "StrategyFailed";
  public static final String NO_FAILURES = "NoFailures";
  public static final String CANARY_DRIFTED = "CanaryDrifted";
  public static final String CANARY_STEADY = "CanarySteady";

  // Reasons of reconcile errors, mapped by ErrorClassifier.
  public static final String WRITE_REJECTED = "WriteRejected";
  public static final String FORBIDDEN = "Forbidden";
  public static final String UNREADABLE_RESULTS = "UnreadableResults";

  // Failure reasons of a strategy when its pod does not tell.
  public static final String POD_FAILED = "PodFailed";
  public static final String JOB_FAILED = "JobFailed";
}
