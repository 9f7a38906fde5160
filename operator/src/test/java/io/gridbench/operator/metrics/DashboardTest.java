package io.gridbench.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.api.v1alpha1.SweepSummary;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dashboard parses, asks only for metrics the operator exports, and shows matrices. */
class DashboardTest {

  @Test
  void everyQueryNamesOnlyMetricsTheOperatorExports() throws Exception {
    Set<String> exported = exportedNames();
    List<Dashboard.Query> queries = Dashboard.load().queries();
    assertThat(queries).hasSizeGreaterThan(10);
    for (Dashboard.Query q : queries) {
      Set<String> names = Dashboard.metricNames(q.expr());
      assertThat(names).as("metrics named by %s: %s", q.where(), q.expr()).isNotEmpty();
      assertThat(exported).as("exported metrics, for %s", q.where()).containsAll(names);
    }
  }

  @Test
  void theNameExtractionSeesAMisspelledMetric() {
    assertThat(
            Dashboard.metricNames(
                "sum by (le) (rate(gridbench_cell_duration_secs{stat=\"median\"}[5m]))"
                    + " / on (sweep) group_left gridbench_strategy_info or vector(0)"))
        .containsExactly("gridbench_cell_duration_secs", "gridbench_strategy_info");
    assertThat(Dashboard.metricNames("label_values(gridbench_sweep_phase{a=\"b\"}, sweep)"))
        .containsExactly("gridbench_sweep_phase");
  }

  @Test
  void eachStrategyGetsAColourScaledComputeByPayloadMatrix() throws Exception {
    Dashboard dashboard = Dashboard.load();
    List<JsonNode> matrices =
        dashboard.panels().stream()
            .filter(p -> p.path("type").asText().equals("table"))
            .filter(p -> p.path("repeat").asText().equals("strategy"))
            .toList();
    assertThat(matrices)
        .extracting(p -> p.get("title").asText())
        .contains("Median seconds: $strategy", "Speedup vs SingleThread: $strategy");
    for (JsonNode p : matrices) {
      JsonNode grouping = p.get("transformations").get(0);
      assertThat(grouping.get("id").asText()).isEqualTo("groupingToMatrix");
      assertThat(grouping.get("options").get("rowField").asText()).isEqualTo("compute");
      assertThat(grouping.get("options").get("columnField").asText()).isEqualTo("payload_bytes");
      assertThat(
              p.get("fieldConfig")
                  .get("defaults")
                  .get("custom")
                  .get("cellOptions")
                  .get("type")
                  .asText())
          .isEqualTo("color-background");
    }
    List<String> variables = new ArrayList<>();
    dashboard
        .json
        .get("templating")
        .get("list")
        .forEach(v -> variables.add(v.get("name").asText()));
    assertThat(variables).containsExactly("datasource", "namespace", "sweep", "strategy");
  }

  /** Names of every series an operator's endpoint shows once a sweep and a failure were seen. */
  private static Set<String> exportedNames() throws Exception {
    OperatorMetrics metrics = new OperatorMetrics(Clock.systemUTC());
    // A status as complete as a finished sweep's, drift canary included.
    BenchmarkSweepStatus complete = status();
    complete.getStrategies().forEach(st -> st.setCanaryDriftPercent(1.0));
    metrics
        .sweeps()
        .observe(
            "ns",
            "s",
            complete,
            SweepMetricsTest.grid(
                List.of(0L),
                CellResult.of(0, 0, 1, 7, List.of(0.4, 0.5, 0.7), Instant.EPOCH, null)));
    Map<String, Object> meta = Map.of(Constants.CONTROLLER_NAME, "benchmarksweep");
    Metrics josdk = metrics.reconciles();
    josdk.reconcileCustomResource(null, null, meta);
    josdk.failedReconciliation(null, new IllegalStateException(), meta);
    josdk.finishedReconciliation(null, meta);
    josdk.timeControllerExecution(execution());
    try (HTTPServer server = metrics.serve(0)) {
      return PrometheusText.scrape(server.getPort()).samples(s -> true).stream()
          .map(PrometheusText.Sample::name)
          .collect(Collectors.toSet());
    }
  }

  static BenchmarkSweepStatus status() {
    StrategyStatus st = new StrategyStatus();
    st.setName("single");
    st.setType(StrategyType.SingleThread);
    st.setPhase(StrategyPhase.Succeeded);
    st.setCellsDone(1);
    st.setCellsTotal(1);
    st.setStartTime("2026-01-01T00:00:00Z");
    st.setFinishTime("2026-01-01T00:00:02Z");
    st.setMedianSeconds(List.of(List.of(0.5)));
    st.setRelativeSpread(List.of(List.of(0.1)));
    SweepSummary summary = new SweepSummary();
    summary.setCompute(List.of(0L));
    summary.setPayloadBytes(List.of(0L));
    BenchmarkSweepStatus status = new BenchmarkSweepStatus();
    status.setPhase(SweepPhase.Succeeded);
    status.setCellsDone(1);
    status.setCellsTotal(1);
    status.setStrategies(List.of(st));
    status.setSummary(summary);
    return status;
  }

  private static Metrics.ControllerExecution<String> execution() {
    return new Metrics.ControllerExecution<>() {
      @Override
      public String name() {
        return "reconcile";
      }

      @Override
      public String controllerName() {
        return "benchmarksweep";
      }

      @Override
      public String successTypeName(String result) {
        return "ok";
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("s", "ns");
      }

      @Override
      public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override
      public String execute() {
        return "ok";
      }
    };
  }
}
