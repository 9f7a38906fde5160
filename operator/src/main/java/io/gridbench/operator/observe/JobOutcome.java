package io.gridbench.operator.observe;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;

/**
 * Where a strategy's Job stands, read once from its status: the one place that looks for the Job
 * conditions {@code Complete=True} and {@code Failed=True}. The times are RFC 3339 as the Job
 * reports them; the failure fields are the Job condition's, for when no pod tells more.
 */
public record JobOutcome(
    String jobName,
    State state,
    String startTime,
    String finishTime,
    String failureReason,
    String failureMessage) {

  /** The states of a Job as a strategy sees them. */
  public enum State {
    /** Created and not finished: pods may be pending, running or retried. */
    RUNNING,
    /** {@code Complete=True}. */
    SUCCEEDED,
    /** {@code Failed=True}: its backoff limit is exhausted. */
    FAILED
  }

  /** The outcome {@code job}'s status reports. */
  public static JobOutcome of(Job job) {
    String name = job.getMetadata().getName();
    if (job.getStatus() == null) {
      return new JobOutcome(name, State.RUNNING, null, null, null, null);
    }
    String start = job.getStatus().getStartTime();
    Optional<JobCondition> complete = condition(job, "Complete");
    if (complete.isPresent()) {
      String end =
          job.getStatus().getCompletionTime() != null
              ? job.getStatus().getCompletionTime()
              : complete.get().getLastTransitionTime();
      return new JobOutcome(name, State.SUCCEEDED, start, end, null, null);
    }
    Optional<JobCondition> failed = condition(job, "Failed");
    if (failed.isPresent()) {
      return new JobOutcome(
          name,
          State.FAILED,
          start,
          failed.get().getLastTransitionTime(),
          failed.get().getReason(),
          failed.get().getMessage());
    }
    return new JobOutcome(name, State.RUNNING, start, null, null, null);
  }

  /** A Job created by this reconcile: no status yet. */
  public static JobOutcome created(String jobName) {
    return new JobOutcome(jobName, State.RUNNING, null, null, null, null);
  }

  /**
   * This outcome as still running: a Job that failed while the informer has not yet seen its last
   * pod end, whose final state (e.g. OOMKilled) is the reason status must give.
   */
  public JobOutcome stillFinishing() {
    return new JobOutcome(jobName, State.RUNNING, startTime, null, null, null);
  }

  /** Whether the Job completed or failed for good. */
  public boolean finished() {
    return state != State.RUNNING;
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    List<JobCondition> conditions = job.getStatus().getConditions();
    return conditions == null
        ? Optional.empty()
        : conditions.stream()
            .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
            .findFirst();
  }
}
