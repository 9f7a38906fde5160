package io.gridbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import org.junit.jupiter.api.Test;

class WrittenStatusesTest {

  private final WrittenStatuses written = new WrittenStatuses();

  @Test
  void aStatusJustWrittenOnTheSameCachedVersionIsNotWrittenAgain() {
    written.writing(sweep("10"), status(SweepPhase.Running));

    assertThat(written.alreadyWritten(sweep("10"), status(SweepPhase.Running))).isTrue();
  }

  @Test
  void aDifferentStatusIsWritten() {
    written.writing(sweep("10"), status(SweepPhase.Running));

    assertThat(written.alreadyWritten(sweep("10"), status(SweepPhase.Succeeded))).isFalse();
  }

  @Test
  void onceTheCacheMovesOnItDecidesAlone() {
    written.writing(sweep("10"), status(SweepPhase.Running));

    assertThat(written.alreadyWritten(sweep("11"), status(SweepPhase.Running))).isFalse();
    assertThat(written.alreadyWritten(sweep("10"), status(SweepPhase.Running)))
        .as("forgotten once the cache moved on")
        .isFalse();
  }

  @Test
  void anErrorStatusMakesItForget() {
    written.writing(sweep("10"), status(SweepPhase.Running));
    written.forget(sweep("10"));

    assertThat(written.alreadyWritten(sweep("10"), status(SweepPhase.Running))).isFalse();
  }

  @Test
  void nothingWrittenNothingSkipped() {
    assertThat(written.alreadyWritten(sweep("10"), status(SweepPhase.Running))).isFalse();
  }

  private static BenchmarkSweep sweep(String resourceVersion) {
    BenchmarkSweep s = new BenchmarkSweep();
    s.setMetadata(
        new ObjectMetaBuilder()
            .withName("s")
            .withNamespace("ns")
            .withUid("u")
            .withResourceVersion(resourceVersion)
            .build());
    return s;
  }

  private static BenchmarkSweepStatus status(SweepPhase phase) {
    BenchmarkSweepStatus s = new BenchmarkSweepStatus();
    s.setPhase(phase);
    return s;
  }
}
