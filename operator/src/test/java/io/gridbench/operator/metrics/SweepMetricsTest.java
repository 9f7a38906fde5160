package io.gridbench.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep gauges alone: what status carries is exported, what it lacks is not invented. */
class SweepMetricsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final SweepMetrics metrics = new SweepMetrics(Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeEach
  void register() {
    registry.register(metrics);
  }

  /** The results of strategy "single" on a grid of one compute value and {@code payloads}. */
  static GridResults grid(List<Long> payloads, CellResult... cells) {
    return GridResults.of(
        List.of(0L), payloads, List.of("single"), Map.of("single", List.of(cells)));
  }

  @Test
  void aMeasuredCellHasTheFastestMedianAndSlowestSampleAsQuantiles() throws Exception {
    CellResult cell = CellResult.of(0, 0, 1, 7, List.of(0.4, 0.5, 0.7), NOW, null);
    metrics.observe("ns", "s", DashboardTest.status(), grid(List.of(0L), cell));

    PrometheusText t = PrometheusText.of(registry);
    assertThat(t.value(SweepMetrics.CELL_DURATION, "quantile", "0")).contains(0.4);
    assertThat(t.value(SweepMetrics.CELL_DURATION, "quantile", "0.5")).contains(0.5);
    assertThat(t.value(SweepMetrics.CELL_DURATION, "quantile", "1")).contains(0.7);
    assertThat(t.samples(SweepMetrics.CELL_DURATION)).allMatch(c -> !c.has("stat", "median"));
    assertThat(t.value("gridbench_strategy_info", "strategy", "single", "type", "SingleThread"))
        .contains(1.0);
    assertThat(t.value(SweepMetrics.STRATEGY_WALL_TIME, "strategy", "single")).contains(2.0);
  }

  @Test
  void cellsNotMeasuredYetAreLeftOut() throws Exception {
    CellResult cell = CellResult.of(0, 0, 1, 7, List.of(0.4, 0.5, 0.7), NOW, null);
    metrics.observe("ns", "s", DashboardTest.status(), grid(List.of(0L, 64L), cell));

    PrometheusText t = PrometheusText.of(registry);
    assertThat(t.samples(SweepMetrics.CELL_DURATION))
        .extracting(s -> s.labels().get("payload_bytes") + "/" + s.labels().get("quantile"))
        .containsExactlyInAnyOrder("0/0", "0/0.5", "0/1");
  }

  @Test
  void theCanaryDriftIsARatioAndAbsentWithoutACanary() throws Exception {
    BenchmarkSweepStatus status = DashboardTest.status();
    metrics.observe("ns", "quiet", status, GridResults.empty());
    BenchmarkSweepStatus drifted = DashboardTest.status();
    drifted.getStrategies().get(0).setCanaryDriftPercent(12.5);
    metrics.observe("ns", "hot", drifted, GridResults.empty());

    PrometheusText t = PrometheusText.of(registry);
    assertThat(t.value(SweepMetrics.STRATEGY_CANARY_DRIFT, "sweep", "hot")).contains(0.125);
    assertThat(t.value(SweepMetrics.STRATEGY_CANARY_DRIFT, "sweep", "quiet")).isEmpty();
  }

  @Test
  void aGridTooLargeForStatusMatricesKeepsItsCountsButExportsNoCells() throws Exception {
    List<Long> payloads = LongStream.range(0, 5000).boxed().toList();
    metrics.observe(
        "ns",
        "s",
        DashboardTest.status(),
        grid(payloads, CellResult.of(0, 0, 1, 7, List.of(0.4, 0.5, 0.7), NOW, null)));

    PrometheusText t = PrometheusText.of(registry);
    assertThat(t.samples(SweepMetrics.CELL_DURATION)).isEmpty();
    assertThat(t.value(SweepMetrics.SWEEP_CELLS_PLANNED, "sweep", "s")).contains(1.0);
  }

  @Test
  void aRunningStrategysWallTimeRunsToNowAndAPendingOneHasNone() throws Exception {
    BenchmarkSweepStatus status = DashboardTest.status();
    StrategyStatus running = status.getStrategies().get(0);
    running.setPhase(StrategyPhase.Running);
    running.setFinishTime(null);
    StrategyStatus pending = new StrategyStatus();
    pending.setName("later");
    pending.setPhase(StrategyPhase.Pending);
    status.setStrategies(List.of(running, pending));
    metrics.observe("ns", "s", status, GridResults.empty());

    PrometheusText t = PrometheusText.of(registry);
    assertThat(t.value(SweepMetrics.STRATEGY_WALL_TIME, "strategy", "single")).contains(10.0);
    assertThat(t.value(SweepMetrics.STRATEGY_WALL_TIME, "strategy", "later")).isEmpty();
    assertThat(t.value(SweepMetrics.STRATEGY_PHASE, "strategy", "later", "phase", "Pending"))
        .contains(1.0);
  }

  @Test
  void withoutCellSeriesASweepKeepsItsCountsAndTimesButExportsNoCells() throws Exception {
    PrometheusRegistry own = new PrometheusRegistry();
    SweepMetrics lean = new SweepMetrics(Clock.fixed(NOW, ZoneOffset.UTC), false);
    own.register(lean);
    BenchmarkSweepStatus status = DashboardTest.status();
    lean.observe(
        "ns",
        "s",
        status,
        grid(List.of(0L), CellResult.of(0, 0, 1, 7, List.of(0.4, 0.5, 0.7), NOW, null)));

    PrometheusText t = PrometheusText.of(own);
    assertThat(t.samples(SweepMetrics.CELL_DURATION)).isEmpty();
    assertThat(t.value(SweepMetrics.SWEEP_CELLS_MEASURED, "sweep", "s")).contains(1.0);
    assertThat(t.value(SweepMetrics.STRATEGY_WALL_TIME, "strategy", "single")).contains(2.0);
  }

  @Test
  void aSweepsStartAndCompletionAreUnixTimestampsAbsentUntilKnown() throws Exception {
    BenchmarkSweepStatus done = DashboardTest.status();
    done.setStartTime("2026-01-01T00:00:00Z");
    done.setCompletionTime("2026-01-01T00:01:30.500Z");
    metrics.observe("ns", "done", done, GridResults.empty());
    BenchmarkSweepStatus running = DashboardTest.status();
    running.setStartTime("2026-01-01T00:00:00Z");
    metrics.observe("ns", "running", running, GridResults.empty());

    PrometheusText t = PrometheusText.of(registry);
    assertThat(t.value(SweepMetrics.SWEEP_START, "sweep", "done")).contains(1767225600.0);
    assertThat(t.value(SweepMetrics.SWEEP_COMPLETION, "sweep", "done")).contains(1767225690.5);
    assertThat(t.value(SweepMetrics.SWEEP_START, "sweep", "running")).contains(1767225600.0);
    assertThat(t.value(SweepMetrics.SWEEP_COMPLETION, "sweep", "running")).isEmpty();
  }

  @Test
  void aForgottenSweepLeavesNoSeriesAndTheOthersStay() throws Exception {
    metrics.observe("ns", "gone", DashboardTest.status(), GridResults.empty());
    metrics.observe("ns", "kept", DashboardTest.status(), GridResults.empty());
    metrics.forget(new ResourceID("gone", "ns"));

    PrometheusText t = PrometheusText.of(registry);
    assertThat(t.samples(s -> s.has("sweep", "gone"))).isEmpty();
    assertThat(t.samples(s -> s.has("sweep", "kept"))).isNotEmpty();
  }
}
