package io.gridbench.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.testing.PrometheusServer;
import io.gridbench.operator.testing.TestApiServer;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard against a real Prometheus scraping the operator on loopback: for a finished sweep,
 * every panel's and variable's query returns data through the HTTP API, and the panels that show
 * status values (matrices, speedup, progress, wall time, phase) show the status's values.
 */
class DashboardPrometheusIT {

  @Test
  void everyDashboardQueryReturnsTheStatusOfAFinishedSweep() throws Exception {
    String ns = "dash-" + ProcessHandle.current().pid();
    try (KubernetesClient client = TestApiServer.client()) {
      TestApiServer.createNamespace(client, ns);
      OperatorMetrics metrics = new OperatorMetrics(Clock.systemUTC());
      Operator operator =
          GridbenchOperator.create(
              OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
              Clock.systemUTC(),
              o -> o.withKubernetesClient(client).withCloseClientOnStop(false),
              metrics);
      operator.start();
      try (HTTPServer endpoint = metrics.serve(0);
          PrometheusServer prometheus = PrometheusServer.scraping(endpoint.getPort())) {
        // Prometheus scrapes while the sweep runs, so the reconcile counters have rates.
        BenchmarkSweepStatus status = OperatorMetricsIT.finishedSweep(client, ns, "d");
        String succeeded =
            "gridbench_sweep_phase{namespace=\""
                + ns
                + "\", sweep=\"d\", phase=\"Succeeded\"} == 1";
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> prometheus.query(succeeded).size() == 1);
        // Until every query has data: rate() needs two scrapes after the last change, and a slow
        // machine scrapes late.
        Map<String, JsonNode> results = new HashMap<>();
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  results.clear();
                  for (Dashboard.Query q : Dashboard.load().queries()) {
                    for (StrategyStatus st : status.getStrategies()) {
                      String expr = Dashboard.substitute(q.expr(), ns, "d", st.getName());
                      JsonNode result = prometheus.query(Dashboard.promql(expr));
                      assertThat(result)
                          .as("%s returns data: %s\n%s", q.where(), expr, prometheus.log())
                          .isNotEmpty();
                      String label = Dashboard.labelValuesLabel(expr);
                      if (label != null) {
                        assertThat(result.get(0).get("metric").path(label).asText())
                            .as("%s lists values of %s", q.where(), label)
                            .isNotEmpty();
                      }
                      results.put(q.where() + "@" + st.getName(), result);
                    }
                  }
                });

        assertPanelsShowTheStatus(results, status);
      } finally {
        operator.stop();
      }
    }
  }

  private static void assertPanelsShowTheStatus(
      Map<String, JsonNode> results, BenchmarkSweepStatus status) {
    List<Long> compute = status.getSummary().getCompute();
    List<Long> payload = status.getSummary().getPayloadBytes();
    StrategyStatus baseline =
        status.getStrategies().stream()
            .filter(s -> s.getType() == StrategyType.SingleThread)
            .findFirst()
            .orElseThrow();
    for (StrategyStatus st : status.getStrategies()) {
      String at = "@" + st.getName();
      JsonNode medians = results.get("Median seconds: $strategy/A" + at);
      JsonNode speedups = results.get("Speedup vs SingleThread: $strategy/A" + at);
      JsonNode spreads = results.get("Relative spread: $strategy/A" + at);
      assertThat(medians).hasSize(compute.size() * payload.size());
      assertThat(speedups).hasSize(compute.size() * payload.size());
      for (int r = 0; r < compute.size(); r++) {
        for (int c = 0; c < payload.size(); c++) {
          String cc = compute.get(r).toString();
          String pc = payload.get(c).toString();
          double median = st.getMedianSeconds().get(r).get(c);
          assertThat(cell(medians, cc, pc)).as("median %s %s", cc, pc).isEqualTo(median);
          assertThat(cell(speedups, cc, pc))
              .as("speedup %s %s", cc, pc)
              .isCloseTo(baseline.getMedianSeconds().get(r).get(c) / median, within(1e-9));
          assertThat(cell(spreads, cc, pc))
              .as("relative spread %s %s", cc, pc)
              .isCloseTo(st.getRelativeSpread().get(r).get(c), within(1e-9));
        }
      }
      JsonNode wall = results.get("Strategy wall time/A" + at);
      double expected =
          Duration.between(Instant.parse(st.getStartTime()), Instant.parse(st.getFinishTime()))
                  .toMillis()
              / 1000.0;
      assertThat(value(byLabel(wall, "strategy", st.getName()))).isEqualTo(expected);
      JsonNode perStrategy = results.get("Progress per strategy/A" + at);
      assertThat(value(byLabel(perStrategy, "strategy", st.getName())))
          .isEqualTo((double) st.getCellsDone() / st.getCellsTotal());
    }
    String any = "@" + baseline.getName();
    assertThat(value(results.get("Progress/A" + any).get(0)))
        .isEqualTo((double) status.getCellsDone() / status.getCellsTotal());
    assertThat(results.get("Phase/A" + any).get(0).get("metric").get("phase").asText())
        .isEqualTo(status.getPhase().name());
    assertThat(value(byLabel(results.get("Sweeps in $namespace/A" + any), "sweep", "d")))
        .isEqualTo(1.0);
    assertThat(value(results.get("Reconcile errors (1h)/A" + any).get(0))).isZero();
  }

  private static double cell(JsonNode result, String compute, String payload) {
    for (JsonNode series : result) {
      JsonNode m = series.get("metric");
      if (m.path("compute").asText().equals(compute)
          && m.path("payload_bytes").asText().equals(payload)) {
        return value(series);
      }
    }
    throw new AssertionError(
        "no cell compute=" + compute + " payload=" + payload + " in " + result);
  }

  private static JsonNode byLabel(JsonNode result, String label, String value) {
    for (JsonNode series : result) {
      if (series.get("metric").path(label).asText().equals(value)) {
        return series;
      }
    }
    throw new AssertionError("no series with " + label + "=" + value + " in " + result);
  }

  private static double value(JsonNode series) {
    return Double.parseDouble(series.get("value").get(1).asText());
  }
}
