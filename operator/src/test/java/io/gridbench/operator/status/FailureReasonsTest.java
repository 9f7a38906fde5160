package io.gridbench.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureReasonsTest {

  private final Job job = new JobBuilder().withNewMetadata().withName("s-a").endMetadata().build();

  private static Pod pod(String created, int exit, String reason, String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p-" + created)
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewStatus()
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withNewState()
                .withNewTerminated()
                .withExitCode(exit)
                .withReason(reason)
                .withMessage(message)
                .endTerminated()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  @Test
  void theLatestFailedPodTellsAndKubeletReasonsBecomeCamelCase() {
    FailureReasons.Failure why =
        FailureReasons.of(
            job,
            List.of(
                pod("2025-01-01T00:00:00Z", 1, "Error", "MeasurementFailed: older"),
                pod("2025-01-01T00:05:00Z", 137, "OOMKilled", null)));

    assertThat(why)
        .isEqualTo(new FailureReasons.Failure("OOMKilled", "the worker exited with code 137"));
  }

  @Test
  void aLogTailWithoutTheWorkersPrefixKeepsTheContainerReason() {
    FailureReasons.Failure why =
        FailureReasons.of(job, List.of(pod("2025-01-01T00:00:00Z", 1, "Error", "x".repeat(5000))));

    assertThat(why.reason()).isEqualTo("Error");
    assertThat(why.message()).hasSize(FailureReasons.MAX_MESSAGE_LENGTH).endsWith("...");
  }

  @Test
  void aWorkersOwnLineGivesItsReasonAndAnUnknownReasonIsTheContainers() {
    assertThat(
            FailureReasons.of(
                job,
                List.of(pod("2025-01-01T00:00:00Z", 1, "Error", "ResultsNotWritten: HTTP 403"))))
        .isEqualTo(new FailureReasons.Failure("ResultsNotWritten", "HTTP 403"));
    assertThat(
            FailureReasons.of(
                job, List.of(pod("2025-01-01T00:00:00Z", 1, "Error", "Segfault: core dumped"))))
        .isEqualTo(new FailureReasons.Failure("Error", "Segfault: core dumped"));
  }

  @Test
  void withoutAFailedPodTheJobConditionTells() {
    assertThat(FailureReasons.of(job, List.of(pod("2025-01-01T00:00:00Z", 0, "Completed", null))))
        .isEqualTo(new FailureReasons.Failure(Reasons.JOB_FAILED, "the Job failed"));
  }
}
