package io.gridbench.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepObserverTest {

  private static Pod pod(String created, String phase, boolean deleting) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p-" + created)
        .withCreationTimestamp(created)
        .withDeletionTimestamp(deleting ? "2025-01-01T01:00:00Z" : null)
        .endMetadata()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  @Test
  void aFailedJobWaitsForItsLastPodToShowItsEnd() {
    // The informer saw the Job fail before the pod's own update: its reason is still to come.
    assertThat(
            SweepObserver.lastPodNotEnded(
                List.of(
                    pod("2025-01-01T00:00:00Z", "Failed", false),
                    pod("2025-01-01T00:05:00Z", "Running", false))))
        .isTrue();
    assertThat(
            SweepObserver.lastPodNotEnded(List.of(pod("2025-01-01T00:05:00Z", "Pending", false))))
        .isTrue();
  }

  @Test
  void anEndedDeletedOrMissingPodLetsTheJobFailAtOnce() {
    assertThat(
            SweepObserver.lastPodNotEnded(
                List.of(
                    pod("2025-01-01T00:00:00Z", "Running", false),
                    pod("2025-01-01T00:05:00Z", "Failed", false))))
        .isFalse();
    // Deleted (an active deadline, a lost node): it may never report an end.
    assertThat(SweepObserver.lastPodNotEnded(List.of(pod("2025-01-01T00:05:00Z", "Running", true))))
        .isFalse();
    assertThat(SweepObserver.lastPodNotEnded(List.of())).isFalse();
    // Created in the same second: the one that ended may be the last, so it tells.
    assertThat(
            SweepObserver.lastPodNotEnded(
                List.of(
                    pod("2025-01-01T00:05:00Z", "Pending", false),
                    pod("2025-01-01T00:05:00Z", "Failed", false))))
        .isFalse();
  }

  @Test
  void stillFinishingKeepsTheStartAndDropsTheFailure() {
    JobOutcome failed =
        new JobOutcome(
            "s-a", JobOutcome.State.FAILED, "t0", "t1", "BackoffLimitExceeded", "too many");
    assertThat(failed.stillFinishing())
        .isEqualTo(new JobOutcome("s-a", JobOutcome.State.RUNNING, "t0", null, null, null));
  }
}
