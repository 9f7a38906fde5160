package io.gridbench.operator.observe;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.gridbench.api.worker.WorkerFailure;
import io.gridbench.operator.status.Reasons;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Why a strategy's Job failed, in the words closest to the cause: the worker's own termination line
 * (a {@link WorkerFailure}), else the container's termination, else the Job's condition. {@code
 * reason} is CamelCase; {@code worker} is set when the worker said it itself.
 */
public record StrategyFailure(String reason, String message, Optional<WorkerFailure> worker) {

  static final int MAX_MESSAGE_LENGTH = 1024;

  /** The kubelet's reason for a container the kernel killed at its cgroup's memory limit. */
  public static final String OOM_KILLED = "OOMKilled";

  /**
   * The failure of a Job that ended {@link JobOutcome.State#FAILED}, told by its pods if they can.
   */
  public static StrategyFailure of(JobOutcome job, List<Pod> pods) {
    Optional<ContainerStateTerminated> terminated =
        pods.stream()
            .sorted(
                Comparator.comparing(
                        (Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                    .reversed())
            .flatMap(p -> statuses(p).stream())
            .map(s -> s.getState() == null ? null : s.getState().getTerminated())
            .filter(t -> t != null && t.getExitCode() != null && t.getExitCode() != 0)
            .findFirst();
    if (terminated.isPresent()) {
      ContainerStateTerminated t = terminated.get();
      String message = t.getMessage() == null ? "" : t.getMessage().strip();
      Optional<WorkerFailure> worker = WorkerFailure.parse(message);
      if (OOM_KILLED.equals(t.getReason())) {
        // The kernel killed a process of the pod at its memory limit: whatever the worker wrote
        // after that (e.g. that a pool worker died) is a consequence, memory is the cause.
        return new StrategyFailure(
            OOM_KILLED,
            cap(
                "the worker pod ran out of memory and was killed at its limit (exit code "
                    + t.getExitCode()
                    + "); give the workers more memory (the chart's runner.memory)"
                    + (worker.isPresent() ? ". The worker said: " + message : "")),
            worker);
      }
      if (worker.isPresent()) {
        return new StrategyFailure(
            worker.get().reason().name(), cap(worker.get().message()), worker);
      }
      String reason = t.getReason() == null ? Reasons.POD_FAILED : camel(t.getReason());
      return new StrategyFailure(
          reason,
          cap(message.isEmpty() ? "the worker exited with code " + t.getExitCode() : message),
          Optional.empty());
    }
    return new StrategyFailure(
        job.failureReason() == null ? Reasons.JOB_FAILED : camel(job.failureReason()),
        cap(job.failureMessage() == null ? "the Job failed" : job.failureMessage()),
        Optional.empty());
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of()
        : pod.getStatus().getContainerStatuses();
  }

  /** Reasons are CamelCase; anything else from a pod is squeezed into that shape. */
  private static String camel(String reason) {
    String cleaned = reason.replaceAll("[^A-Za-z0-9]", "");
    if (cleaned.isEmpty()) {
      return Reasons.POD_FAILED;
    }
    return Character.toUpperCase(cleaned.charAt(0)) + cleaned.substring(1);
  }

  private static String cap(String message) {
    return message.length() <= MAX_MESSAGE_LENGTH
        ? message
        : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
  }
}
