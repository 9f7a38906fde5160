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
  public static final String RAY_CLUSTER = "RayCluster";

  /**
   * True when strategies of the sweep ran on different nodes or CPU models: their comparison is
   * then across machines.
   */
  public static final String MIXED_MACHINES = "MixedMachines";

  /**
   * True once the sweep finished, succeeded or not (or its spec is invalid), so that {@code kubectl
   * wait --for=condition=Complete} returns for every finished sweep; its reason tells how.
   */
  public static final String COMPLETE = "Complete";

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
  public static final String STRATEGIES_ON_DIFFERENT_MACHINES = "StrategiesOnDifferentMachines";
  public static final String SAME_MACHINE = "SameMachine";

  // Reasons of the RayCluster condition; the last two also fail the Ray strategies.
  public static final String WAITING_FOR_RAY_CLUSTER = "WaitingForRayCluster";
  public static final String RAY_CLUSTER_READY = "RayClusterReady";
  public static final String RAY_CLUSTER_DELETED = "RayClusterDeleted";
  public static final String RAY_CLUSTER_KEPT = "RayClusterKept";
  public static final String KUBERAY_NOT_INSTALLED = "KubeRayNotInstalled";
  public static final String RAY_CLUSTER_NOT_READY = "RayClusterNotReady";

  // Reasons of reconcile errors, mapped by ErrorClassifier.
  public static final String WRITE_REJECTED = "WriteRejected";
  public static final String FORBIDDEN = "Forbidden";
  public static final String UNREADABLE_RESULTS = "UnreadableResults";

  // Failure reasons of a strategy when its pod does not tell.
  public static final String POD_FAILED = "PodFailed";

  /** A running strategy whose worker pod the scheduler cannot place (the scheduler's reason). */
  public static final String UNSCHEDULABLE = "Unschedulable";

  /**
   * Progressing's reason while a worker pod cannot be scheduled (it stays True: the sweep goes on
   * once a node can take the pod, and `kubectl wait` on Progressing=False keeps meaning "ended").
   */
  public static final String WORKER_UNSCHEDULABLE = "WorkerUnschedulable";

  public static final String JOB_FAILED = "JobFailed";
}
