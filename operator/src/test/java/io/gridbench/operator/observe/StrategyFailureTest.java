package io.gridbench.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.gridbench.operator.status.Reasons;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyFailureTest {

  private final JobOutcome outcome =
      JobOutcome.of(new JobBuilder().withNewMetadata().withName("s-a").endMetadata().build());

  /** A failure as status shows it: reason and message; the worker's own line is not compared. */
  private static StrategyFailure failure(String reason, String message) {
    return new StrategyFailure(reason, message, java.util.Optional.empty());
  }

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
    StrategyFailure why =
        StrategyFailure.of(
            outcome,
            List.of(
                pod("2025-01-01T00:00:00Z", 1, "Error", "MeasurementFailed: older"),
                pod("2025-01-01T00:05:00Z", 137, "OOMKilled", null)));

    assertThat(why)
        .isEqualTo(
            failure(
                "OOMKilled",
                "the worker pod ran out of memory and was killed at its limit (exit code 137);"
                    + " give the workers more memory (the chart's runner.memory)"));
  }

  @Test
  void anOomKillOutranksWhatTheWorkerSaidAfterIt() {
    StrategyFailure why =
        StrategyFailure.of(
            outcome,
            List.of(
                pod(
                    "2025-01-01T00:00:00Z",
                    1,
                    "OOMKilled",
                    "MeasurementFailed: worker 1 (pid 40, exit status 137) died")));

    assertThat(why.reason()).isEqualTo("OOMKilled");
    assertThat(why.message())
        .startsWith("the worker pod ran out of memory")
        .endsWith("The worker said: MeasurementFailed: worker 1 (pid 40, exit status 137) died");
    assertThat(why.worker()).isPresent();
  }

  @Test
  void anOomKilledLogTailIsNotRepeatedAsTheWorkersWords() {
    StrategyFailure why =
        StrategyFailure.of(
            outcome,
            List.of(pod("2025-01-01T00:00:00Z", 137, "OOMKilled", "gridbench worker: cell")));

    assertThat(why.message()).doesNotContain("The worker said");
  }

  @Test
  void aLogTailWithoutTheWorkersPrefixKeepsTheContainerReason() {
    StrategyFailure why =
        StrategyFailure.of(
            outcome, List.of(pod("2025-01-01T00:00:00Z", 1, "Error", "x".repeat(5000))));

    assertThat(why.reason()).isEqualTo("Error");
    assertThat(why.message()).hasSize(StrategyFailure.MAX_MESSAGE_LENGTH).endsWith("...");
  }

  @Test
  void aWorkersOwnLineGivesItsReasonAndAnUnknownReasonIsTheContainers() {
    assertThat(
            StrategyFailure.of(
                outcome,
                List.of(pod("2025-01-01T00:00:00Z", 1, "Error", "ResultsNotWritten: HTTP 403"))))
        .isEqualTo(
            new StrategyFailure(
                "ResultsNotWritten",
                "HTTP 403",
                java.util.Optional.of(
                    new io.gridbench.api.worker.WorkerFailure(
                        io.gridbench.api.worker.WorkerFailureReason.ResultsNotWritten,
                        "HTTP 403"))));
    assertThat(
            StrategyFailure.of(
                outcome, List.of(pod("2025-01-01T00:00:00Z", 1, "Error", "Segfault: core dumped"))))
        .isEqualTo(failure("Error", "Segfault: core dumped"));
  }

  @Test
  void withoutAFailedPodTheJobConditionTells() {
    assertThat(
            StrategyFailure.of(outcome, List.of(pod("2025-01-01T00:00:00Z", 0, "Completed", null))))
        .isEqualTo(failure(Reasons.JOB_FAILED, "the Job failed"));
  }
}
