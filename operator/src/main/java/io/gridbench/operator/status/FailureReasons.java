package io.gridbench.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.gridbench.api.worker.WorkerFailure;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Why a strategy's Job failed, in the words closest to the cause: the worker's own termination
 * message ({@code Reason: message}), else the container's termination, else the Job's condition.
 */
final class FailureReasons {

  static final int MAX_MESSAGE_LENGTH = 1024;

  /** A failed strategy's CamelCase reason and its message, as status shows them. */
  record Failure(String reason, String message) {}

  private FailureReasons() {}

  /** Reason and message of a failed Job. */
  static Failure of(Job job, List<Pod> pods) {
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
      if (worker.isPresent()) {
        return new Failure(worker.get().reason().name(), cap(worker.get().message()));
      }
      String reason = t.getReason() == null ? Reasons.POD_FAILED : camel(t.getReason());
      return new Failure(
          reason,
          cap(message.isEmpty() ? "the worker exited with code " + t.getExitCode() : message));
    }
    Optional<JobCondition> failed =
        job.getStatus() == null || job.getStatus().getConditions() == null
            ? Optional.empty()
            : job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    return new Failure(
        failed.map(JobCondition::getReason).map(FailureReasons::camel).orElse(Reasons.JOB_FAILED),
        cap(failed.map(JobCondition::getMessage).orElse("the Job failed")));
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
