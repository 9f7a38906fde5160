package io.gridbench.operator.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;

/**
 * Everything the operator exports on its metrics port: the sweep gauges, JOSDK's reconcile metrics
 * and the JVM's, in one registry of their own (not the global default, so tests stay independent).
 */
public final class OperatorMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final SweepMetrics sweeps;
  private final ReconcileMetrics reconciles;

  public OperatorMetrics(Clock clock) {
    sweeps = new SweepMetrics(clock);
    registry.register(sweeps);
    reconciles = new ReconcileMetrics(registry, sweeps::forget);
    JvmMetrics.builder().register(registry);
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
