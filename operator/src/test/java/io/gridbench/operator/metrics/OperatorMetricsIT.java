package io.gridbench.operator.metrics;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static io.gridbench.operator.testing.Sweeps.threads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.SweepAwaits;
import io.gridbench.operator.testing.TestApiServer;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint of an operator running a sweep against a real API server: scraped over HTTP,
 * parsed as text, compared with the sweep's status and the cells the workers wrote.
 */
class OperatorMetricsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private KubernetesClient client;
  private String ns;
  private Operator operator;
  private HTTPServer server;

  @BeforeEach
  void start() throws Exception {
    client = TestApiServer.client();
    ns = "metrics-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 10000;
    TestApiServer.createNamespace(client, ns);
    startOperator();
  }

  @AfterEach
  void stop() {
    stopOperator();
    if (client != null) {
      client.close();
    }
  }

  private void startOperator() throws Exception {
    OperatorMetrics metrics = new OperatorMetrics(Clock.systemUTC());
    operator =
        GridbenchOperator.create(
            OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
            Clock.systemUTC(),
            o -> o.withKubernetesClient(client).withCloseClientOnStop(false),
            metrics);
    operator.start();
    server = metrics.serve(0);
  }

  private void stopOperator() {
    if (operator != null) {
      operator.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Runs a two-strategy sweep to Succeeded and returns its status. */
  static BenchmarkSweepStatus finishedSweep(KubernetesClient client, String ns, String name)
      throws Exception {
    FakeKubelet kubelet = new FakeKubelet(client);
    client.resource(sweep(name, ns, single("single"), threads("threads"))).create();
    for (String strategy : List.of("single", "threads")) {
      kubelet.run(
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      client
                          .batch()
                          .v1()
                          .jobs()
                          .inNamespace(ns)
                          .withName(name + "-" + strategy)
                          .get(),
                  j -> j != null));
    }
    return await()
        .atMost(WAIT)
        .until(
            () -> client.resources(BenchmarkSweep.class).inNamespace(ns).withName(name).get(),
            s -> s.getStatus() != null && s.getStatus().getPhase() == SweepPhase.Succeeded)
        .getStatus();
  }

  @Test
  void theEndpointSaysWhatTheStatusSaysSurvivesARestartAndForgetsADeletedSweep() throws Exception {
    BenchmarkSweepStatus status = finishedSweep(client, ns, "m");

    PrometheusText scraped = await().atMost(WAIT).until(this::scrape, t -> hasCells(t, status));
    assertMatchesStatus(scraped, status);
    assertThat(scraped.samples("jvm_memory_used_bytes")).as("JVM metrics").isNotEmpty();
    assertThat(scraped.value(ReconcileMetrics.STARTED + "_total", "controller", "benchmarksweep"))
        .hasValueSatisfying(v -> assertThat(v).isPositive());
    assertThat(scraped.samples(ReconcileMetrics.EXECUTION_SECONDS + "_count")).isNotEmpty();

    // A new operator process has nothing but the status to go by.
    stopOperator();
    startOperator();
    PrometheusText rebuilt = await().atMost(WAIT).until(this::scrape, t -> hasCells(t, status));
    assertMatchesStatus(rebuilt, status);

    client.resources(BenchmarkSweep.class).inNamespace(ns).withName("m").delete();
    PrometheusText after =
        await()
            .atMost(WAIT)
            .until(this::scrape, t -> t.samples(s -> s.has("sweep", "m")).isEmpty());
    assertThat(after.samples(SweepMetrics.SWEEP_PHASE)).isEmpty();
  }

  private PrometheusText scrape() throws Exception {
    return PrometheusText.scrape(server.getPort());
  }

  private static boolean hasCells(PrometheusText text, BenchmarkSweepStatus status) {
    return text.samples(SweepMetrics.CELL_DURATION).size() == 3 * status.getCellsTotal();
  }

  /** Every gauge of sweep "m" equals its status, and each cell's min the worker's statistics. */
  private void assertMatchesStatus(PrometheusText t, BenchmarkSweepStatus status) throws Exception {
    String[] sweep = {"namespace", ns, "sweep", "m"};
    assertThat(t.value(SweepMetrics.SWEEP_CELLS_MEASURED, sweep))
        .contains((double) status.getCellsDone());
    assertThat(t.value(SweepMetrics.SWEEP_CELLS_PLANNED, sweep))
        .contains((double) status.getCellsTotal());
    assertThat(t.value(SweepMetrics.SWEEP_PHASE, "sweep", "m", "phase", "Succeeded")).contains(1.0);
    assertThat(t.value(SweepMetrics.SWEEP_PHASE, "sweep", "m", "phase", "Running")).contains(0.0);
    List<Long> compute = status.getSummary().getCompute();
    List<Long> payload = status.getSummary().getPayloadBytes();
    for (StrategyStatus st : status.getStrategies()) {
      String[] strategy = {"sweep", "m", "strategy", st.getName()};
      assertThat(t.value(SweepMetrics.STRATEGY_CELLS_MEASURED, strategy))
          .contains((double) st.getCellsDone());
      assertThat(t.value(SweepMetrics.STRATEGY_CELLS_PLANNED, strategy))
          .contains((double) st.getCellsTotal());
      assertThat(
              t.value(SweepMetrics.STRATEGY_PHASE, "strategy", st.getName(), "phase", "Succeeded"))
          .contains(1.0);
      double wall =
          Duration.between(Instant.parse(st.getStartTime()), Instant.parse(st.getFinishTime()))
                  .toMillis()
              / 1000.0;
      assertThat(t.value(SweepMetrics.STRATEGY_WALL_TIME, strategy)).contains(wall);
      Map<CellKey, CellResult> written = recordedCells("m", st.getName());
      for (int r = 0; r < compute.size(); r++) {
        for (int c = 0; c < payload.size(); c++) {
          String[] cell = {
            "strategy",
            st.getName(),
            "compute",
            compute.get(r).toString(),
            "payload_bytes",
            payload.get(c).toString(),
            "quantile"
          };
          double median = st.getMedianSeconds().get(r).get(c);
          double spread = st.getRelativeSpread().get(r).get(c) * median;
          CellResult recorded = written.get(new CellKey(compute.get(r), payload.get(c)));
          assertThat(t.value(SweepMetrics.CELL_DURATION, with(cell, "0.5"))).contains(median);
          assertThat(t.value(SweepMetrics.CELL_DURATION, with(cell, "0")))
              .contains(recorded.stats().min());
          assertThat(t.value(SweepMetrics.CELL_DURATION, with(cell, "1")))
              .hasValueSatisfying(
                  v -> assertThat(v - recorded.stats().min()).isCloseTo(spread, within(1e-12)));
        }
      }
    }
  }

  private static String[] with(String[] labels, String last) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
    all[labels.length] = last;
    return all;
  }

  private Map<CellKey, CellResult> recordedCells(String sweep, String strategy) throws Exception {
    return new SweepAwaits(client, ns).recordedCellsByKey(sweep, strategy);
  }
}
