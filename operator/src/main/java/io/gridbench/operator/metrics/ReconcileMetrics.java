package io.gridbench.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.Consumer;

/**
 * JOSDK's reconcile metrics, bridged to the Prometheus client: the names follow JOSDK's
 * micrometer-support ({@code operator.sdk.*}) so its dashboards read them, but the labels are
 * bounded (controller, exception class, outcome), never a resource's name. A resource's delete
 * event is passed on, so per-sweep gauges go with their sweep.
 */
public final class ReconcileMetrics implements Metrics {

  public static final String STARTED = "operator_sdk_reconciliations_started";
  public static final String SUCCEEDED = "operator_sdk_reconciliations_success";
  public static final String FAILED = "operator_sdk_reconciliations_failed";
  public static final String RETRIES = "operator_sdk_reconciliations_retries";
  public static final String EXECUTING = "operator_sdk_reconciliations_executions";
  public static final String EVENTS = "operator_sdk_events_received";
  public static final String EXECUTION_SECONDS = "operator_sdk_controllers_execution_seconds";

  private static final String CONTROLLER = "controller";

  private final Counter started;
  private final Counter succeeded;
  private final Counter failed;
  private final Counter retries;
  private final Gauge executing;
  private final Counter events;
  private final Histogram executionSeconds;
  private final Consumer<ResourceID> onDeleted;

  /** Registers the reconcile metrics in {@code registry}; {@code onDeleted} hears deletions. */
  public ReconcileMetrics(PrometheusRegistry registry, Consumer<ResourceID> onDeleted) {
    this.onDeleted = onDeleted;
    started =
        Counter.builder()
            .name(STARTED)
            .help("Reconciliations started, retries included.")
            .labelNames(CONTROLLER)
            .register(registry);
    succeeded =
        Counter.builder()
            .name(SUCCEEDED)
            .help("Reconciliations that ended without an exception.")
            .labelNames(CONTROLLER)
            .register(registry);
    failed =
        Counter.builder()
            .name(FAILED)
            .help("Reconciliations that ended with an exception, by its class.")
            .labelNames(CONTROLLER, "exception")
            .register(registry);
    retries =
        Counter.builder()
            .name(RETRIES)
            .help("Reconciliations that were retries of a failed one.")
            .labelNames(CONTROLLER)
            .register(registry);
    executing =
        Gauge.builder()
            .name(EXECUTING)
            .help("Reconciliations running now.")
            .labelNames(CONTROLLER)
            .register(registry);
    events =
        Counter.builder()
            .name(EVENTS)
            .help("Events received by the controller's event sources.")
            .labelNames(CONTROLLER)
            .register(registry);
    executionSeconds =
        Histogram.builder()
            .name(EXECUTION_SECONDS)
            .help("Time the reconciler's reconcile or cleanup took, by outcome.")
            .labelNames(CONTROLLER, "execution", "outcome")
            .register(registry);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    events.labelValues(controller(metadata)).inc();
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    started.labelValues(controller(metadata)).inc();
    if (retryInfo != null && retryInfo.getAttemptCount() > 0) {
      retries.labelValues(controller(metadata)).inc();
    }
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    failed.labelValues(controller(metadata), exception.getClass().getSimpleName()).inc();
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    succeeded.labelValues(controller(metadata)).inc();
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    executing.labelValues(controller(metadata)).inc();
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    executing.labelValues(controller(metadata)).dec();
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    onDeleted.accept(resourceID);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    long start = System.nanoTime();
    String outcome = "failure";
    try {
      T result = execution.execute();
      outcome = "success";
      return result;
    } finally {
      executionSeconds
          .labelValues(execution.controllerName(), execution.name(), outcome)
          .observe((System.nanoTime() - start) / 1e9);
    }
  }

  private static String controller(Map<String, Object> metadata) {
    Object name = metadata == null ? null : metadata.get(Constants.CONTROLLER_NAME);
    return name == null ? "unknown" : name.toString();
  }
}
