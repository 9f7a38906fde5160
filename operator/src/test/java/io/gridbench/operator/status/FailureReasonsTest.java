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
    String[] why =
        FailureReasons.of(
            job,
            List.of(
                pod("2025-01-01T00:00:00Z", 1, "Error", "StrategyFailed: older"),
                pod("2025-01-01T00:05:00Z", 137, "OOMKilled", null)));

    assertThat(why)
        .containsExactly(
            "OOMKilled",
            "the worker pod ran out of memory and was killed at its limit (exit code 137); give"
                + " the workers more memory (the chart's runner.memory)");
  }

  @Test
  void anOomKillOutranksWhatTheWorkerSaidAfterIt() {
    String[] why =
        FailureReasons.of(
            job,
            List.of(
                pod(
                    "2025-01-01T00:00:00Z",
                    1,
                    "OOMKilled",
                    "StrategyFailed: worker 1 (pid 40, exit status 137) died")));

    assertThat(why[0]).isEqualTo("OOMKilled");
    assertThat(why[1])
        .startsWith("the worker pod ran out of memory")
        .endsWith("The worker said: StrategyFailed: worker 1 (pid 40, exit status 137) died");
  }

  @Test
  void anOomKilledLogTailIsNotRepeatedAsTheWorkersWords() {
    String[] why =
        FailureReasons.of(
            job, List.of(pod("2025-01-01T00:00:00Z", 137, "OOMKilled", "gridbench worker: cell")));

    assertThat(why[1]).doesNotContain("The worker said");
  }

  @Test
  void aLogTailWithoutTheWorkersPrefixKeepsTheContainerReason() {
    String[] why =
        FailureReasons.of(job, List.of(pod("2025-01-01T00:00:00Z", 1, "Error", "x".repeat(5000))));

    assertThat(why[0]).isEqualTo("Error");
    assertThat(why[1]).hasSize(FailureReasons.MAX_MESSAGE_LENGTH).endsWith("...");
  }

  @Test
  void withoutAFailedPodTheJobConditionTells() {
    assertThat(FailureReasons.of(job, List.of(pod("2025-01-01T00:00:00Z", 0, "Completed", null))))
        .containsExactly(Reasons.JOB_FAILED, "the Job failed");
  }
}
