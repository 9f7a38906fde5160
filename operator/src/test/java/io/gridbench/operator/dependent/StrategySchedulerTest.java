package io.gridbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.operator.observe.JobOutcome;
import io.gridbench.operator.observe.RayClusterState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategySchedulerTest {

  private static BenchmarkSweepSpec spec(Integer concurrency) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setConcurrency(concurrency);
    spec.setStrategies(
        List.of(
            new StrategySpec("a", StrategyType.SingleThread),
            new StrategySpec("b", StrategyType.ThreadPool),
            new StrategySpec("c", StrategyType.ProcessPool)));
    return spec;
  }

  private static List<StrategySpec> toStart(BenchmarkSweepSpec spec, Map<String, JobOutcome> jobs) {
    return StrategyScheduler.toStart(spec, jobs, RayClusterState.NOT_NEEDED);
  }

  private static List<StrategySpec> toStart(
      BenchmarkSweepSpec spec, Map<String, JobOutcome> jobs, RayClusterState ray) {
    return StrategyScheduler.toStart(spec, jobs, ray);
  }

  private static JobOutcome job(String condition) {
    JobBuilder b = new JobBuilder().withNewMetadata().withName("j").endMetadata();
    if (condition != null) {
      b.withNewStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .endCondition()
          .endStatus();
    }
    return JobOutcome.of(b.build());
  }

  private static List<String> names(List<StrategySpec> specs) {
    return specs.stream().map(StrategySpec::getName).toList();
  }

  @Test
  void byDefaultOnlyTheFirstStrategyStarts() {
    assertThat(names(toStart(spec(null), Map.of()))).containsExactly("a");
  }

  @Test
  void nothingStartsWhileAJobRuns() {
    assertThat(toStart(spec(null), Map.of("a", job(null)))).isEmpty();
  }

  @Test
  void theNextStartsOnceTheRunningOneFinishedEitherWay() {
    assertThat(names(toStart(spec(null), Map.of("a", job("Complete"))))).containsExactly("b");
    assertThat(names(toStart(spec(null), Map.of("a", job("Complete"), "b", job("Failed")))))
        .containsExactly("c");
  }

  @Test
  void concurrencyAllowsSeveralInListOrder() {
    assertThat(names(toStart(spec(2), Map.of()))).containsExactly("a", "b");
    assertThat(names(toStart(spec(2), Map.of("a", job(null))))).containsExactly("b");
  }

  @Test
  void aFinishedSweepStartsNothing() {
    assertThat(
            toStart(
                spec(3), Map.of("a", job("Complete"), "b", job("Complete"), "c", job("Failed"))))
        .isEmpty();
  }

  private static BenchmarkSweepSpec withRay() {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setStrategies(
        List.of(
            new StrategySpec("a", StrategyType.SingleThread),
            new StrategySpec("r", StrategyType.RayTasks),
            new StrategySpec("c", StrategyType.ThreadPool)));
    return spec;
  }

  private static RayClusterState ray(RayClusterState.Phase phase) {
    return new RayClusterState(phase, "s-ray", "Reason", "message");
  }

  @Test
  void aRayStrategyWaitsInItsTurnForTheCluster() {
    assertThat(toStart(withRay(), Map.of("a", job("Complete")), ray(RayClusterState.Phase.WAITING)))
        .isEmpty();
  }

  @Test
  void aRayStrategyStartsOnceTheClusterIsReady() {
    assertThat(
            names(
                toStart(withRay(), Map.of("a", job("Complete")), ray(RayClusterState.Phase.READY))))
        .containsExactly("r");
  }

  @Test
  void anUnavailableClusterPassesOverTheRayStrategies() {
    assertThat(
            names(
                toStart(
                    withRay(),
                    Map.of("a", job("Complete")),
                    ray(RayClusterState.Phase.UNAVAILABLE))))
        .containsExactly("c");
  }

  @Test
  void localStrategiesBeforeTheRayOnesRunWhileTheClusterComesUp() {
    assertThat(names(toStart(withRay(), Map.of(), ray(RayClusterState.Phase.WAITING))))
        .containsExactly("a");
  }
}
