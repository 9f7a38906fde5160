package io.gridbench.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.operator.health.HealthEndpoints;
import io.gridbench.operator.metrics.OperatorMetrics;
import io.gridbench.operator.reconciler.BenchmarkSweepReconciler;
import io.gridbench.operator.reconciler.ReconcileRetry;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gridbench operator: reconciles BenchmarkSweeps into Jobs, configured by environment. */
public final class GridbenchOperator {
  private static final Logger log = LoggerFactory.getLogger(GridbenchOperator.class);

  private GridbenchOperator() {}

  public static void main(String[] args) throws IOException {
    OperatorSettings settings;
    LeaderElectionSettings election;
    boolean cellSeries;
    try {
      settings = OperatorSettings.from(System.getenv());
      election = LeaderElectionSettings.from(System.getenv());
      cellSeries = OperatorMetrics.cellSeries(System.getenv());
    } catch (IllegalArgumentException e) {
      log.error("bad configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    OperatorMetrics metrics = new OperatorMetrics(Clock.systemUTC(), cellSeries);
    Operator operator =
        create(
            settings,
            Clock.systemUTC(),
            o -> election.configuration(true).ifPresent(o::withLeaderElectionConfiguration),
            metrics);
    operator.installShutdownHook(Duration.ofSeconds(10));
    operator.start();
    HealthEndpoints health =
        HealthEndpoints.start(settings.healthPort(), operator.getRuntimeInfo());
    HTTPServer metricsServer = metrics.serve(settings.metricsPort());
    log.info(
        "gridbench operator started: namespaces {}, runner image {}, probes on :{}, metrics on :{},"
            + " leader election {}",
        settings.namespaces().isEmpty() ? "all" : settings.namespaces(),
        settings.runnerImage(),
        health.port(),
        metricsServer.getPort(),
        election.enabled() ? "on lease " + election.leaseName() : "off");
  }

  /**
   * An operator with the sweep reconciler registered, not started. Tests pass their client and
   * overrides through {@code overrides}; {@code main} passes none.
   */
  public static Operator create(
      OperatorSettings settings, Clock clock, Consumer<ConfigurationServiceOverrider> overrides) {
    return create(settings, clock, overrides, new OperatorMetrics(clock));
  }

  /** An operator, not started, that reports its reconciles and sweeps to {@code metrics}. */
  public static Operator create(
      OperatorSettings settings,
      Clock clock,
      Consumer<ConfigurationServiceOverrider> overrides,
      OperatorMetrics metrics) {
    Operator operator = new Operator(overrides.andThen(o -> o.withMetrics(metrics.reconciles())));
    operator.register(
        new BenchmarkSweepReconciler(settings, clock, metrics.sweeps()),
        c -> {
          c.withRetry(ReconcileRetry.create());
          if (!settings.namespaces().isEmpty()) {
            c.settingNamespaces(settings.namespaces());
          }
        });
    return operator;
  }

  /** Convenience for tests: an operator using {@code client}. */
  public static Operator create(OperatorSettings settings, Clock clock, KubernetesClient client) {
    return create(
        settings, clock, o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
  }
}
