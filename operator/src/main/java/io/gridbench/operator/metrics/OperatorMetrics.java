package io.gridbench.operator.metrics;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * Everything the operator exports on its metrics port: the sweep gauges, JOSDK's reconcile metrics
 * and the JVM's, in one registry of their own (not the global default, so tests stay independent).
 */
public final class OperatorMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final SweepMetrics sweeps;
  private final ReconcileMetrics reconciles;

  /** Exported as {@code gridbench_operator_info}. */
  public static final String INFO = "gridbench_operator";

  /** Whether to export the per-cell series: {@code true} (default) or {@code false}. */
  public static final String CELL_SERIES = "GRIDBENCH_METRICS_CELL_SERIES";

  /** Metrics with the per-cell series. */
  public OperatorMetrics(Clock clock) {
    this(clock, true);
  }

  /** Metrics with ({@code cellSeries}) or without the per-cell series. */
  public OperatorMetrics(Clock clock, boolean cellSeries) {
    sweeps = new SweepMetrics(clock, cellSeries);
    registry.register(sweeps);
    reconciles = new ReconcileMetrics(registry, sweeps::forget);
    JvmMetrics.builder().register(registry);
    Info.builder()
        .name(INFO)
        .help(
            "Always 1: marks the gridbench operator's scrape target, so dashboards can keep the"
                + " JVM and operator_sdk series of other Java operators out.")
        .labelNames("version")
        .register(registry)
        .setLabelValues(version());
  }

  private static String version() {
    String v = OperatorMetrics.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** {@link #CELL_SERIES} from {@code env}; anything but true or false names the variable. */
  public static boolean cellSeries(Map<String, String> env) {
    String text = env.getOrDefault(CELL_SERIES, "").trim();
    return switch (text) {
      case "", "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              CELL_SERIES + ": '" + text + "' is not allowed; use true or false.");
    };
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** The gauges the reconciler feeds from each sweep's status. */
  public SweepMetrics sweeps() {
    return sweeps;
  }

  /** The bridge to hand to JOSDK ({@code ConfigurationServiceOverrider.withMetrics}). */
  public ReconcileMetrics reconciles() {
    return reconciles;
  }

  /** Serves {@code /metrics} on {@code port} (0 picks a free one) until closed. */
  public HTTPServer serve(int port) throws IOException {
    return HTTPServer.builder().port(port).registry(registry).buildAndStart();
  }
}
