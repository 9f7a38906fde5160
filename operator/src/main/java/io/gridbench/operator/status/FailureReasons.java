package io.gridbench.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a strategy's Job failed, in the words closest to the cause: the worker's own termination
 * message ({@code Reason: message}), else the container's termination, else the Job's condition.
 */
final class FailureReasons {

  private static final Pattern WORKER_MESSAGE =
      Pattern.compile("^([A-Z][A-Za-z0-9]*): (.*)$", Pattern.DOTALL);
  static final int MAX_MESSAGE_LENGTH = 1024;

  /** The kubelet's reason for a container the kernel killed at its cgroup's memory limit. */
  static final String OOM_KILLED = "OOMKilled";

  private FailureReasons() {}

  /** Reason and message of a failed Job. */
  static String[] of(Job job, List<Pod> pods) {
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
      if (OOM_KILLED.equals(t.getReason())) {
        // The kernel killed a process of the pod at its memory limit: whatever the worker wrote
        // after that (e.g. that a pool worker died) is a consequence, memory is the cause.
        return new String[] {
          OOM_KILLED,
          cap(
              "the worker pod ran out of memory and was killed at its limit (exit code "
                  + t.getExitCode()
                  + "); give the workers more memory (the chart's runner.memory)"
                  + (WORKER_MESSAGE.matcher(message).matches()
                      ? ". The worker said: " + message
                      : ""))
        };
      }
      Matcher m = WORKER_MESSAGE.matcher(message);
      if (m.matches()) {
        return new String[] {m.group(1), cap(m.group(2))};
      }
      String reason = t.getReason() == null ? Reasons.POD_FAILED : camel(t.getReason());
      return new String[] {
        reason, cap(message.isEmpty() ? "the worker exited with code " + t.getExitCode() : message)
      };
    }
    Optional<JobCondition> failed =
        job.getStatus() == null || job.getStatus().getConditions() == null
            ? Optional.empty()
            : job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    return new String[] {
      failed.map(JobCondition::getReason).map(FailureReasons::camel).orElse(Reasons.JOB_FAILED),
      cap(failed.map(JobCondition::getMessage).orElse("the Job failed"))
    };
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
