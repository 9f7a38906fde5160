package io.gridbench.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JOSDK bridge alone: failures by class, timing by outcome, deletions passed on. */
class ReconcileMetricsTest {

  private static final Map<String, Object> META =
      Map.of(Constants.CONTROLLER_NAME, "benchmarksweep");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<ResourceID> deleted = new ArrayList<>();
  private final ReconcileMetrics metrics = new ReconcileMetrics(registry, deleted::add);

  @Test
  void aFailingReconcileIsCountedByExceptionClassAndTimedAsAFailure() throws Exception {
    metrics.failedReconciliation(null, new IllegalStateException("x"), META);
    assertThatThrownBy(() -> metrics.timeControllerExecution(execution(true)))
        .isInstanceOf(IllegalStateException.class);
    metrics.timeControllerExecution(execution(false));

    PrometheusText t = PrometheusText.of(registry);
    assertThat(
            t.value(
                ReconcileMetrics.FAILED + "_total",
                "controller",
                "benchmarksweep",
                "exception",
                "IllegalStateException"))
        .contains(1.0);
    assertThat(t.value(ReconcileMetrics.EXECUTION_SECONDS + "_count", "outcome", "failure"))
        .contains(1.0);
    assertThat(t.value(ReconcileMetrics.EXECUTION_SECONDS + "_count", "outcome", "success"))
        .contains(1.0);
  }

  @Test
  void executionsInFlightGoUpAndDownAndMissingMetadataIsUnknown() throws Exception {
    metrics.reconciliationExecutionStarted(null, META);
    metrics.reconciliationExecutionStarted(null, META);
    metrics.reconciliationExecutionFinished(null, META);
    metrics.reconcileCustomResource(null, null, Map.of());

    PrometheusText t = PrometheusText.of(registry);
    assertThat(t.value(ReconcileMetrics.EXECUTING, "controller", "benchmarksweep")).contains(1.0);
    assertThat(t.value(ReconcileMetrics.STARTED + "_total", "controller", "unknown")).contains(1.0);
  }

  @Test
  void aDeletedResourceIsPassedOn() {
    metrics.cleanupDoneFor(new ResourceID("s", "ns"), META);
    assertThat(deleted).containsExactly(new ResourceID("s", "ns"));
  }

  private static Metrics.ControllerExecution<String> execution(boolean fail) {
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
        return result;
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("s", "ns");
      }

      @Override
      public Map<String, Object> metadata() {
        return META;
      }

      @Override
      public String execute() {
        if (fail) {
          throw new IllegalStateException("reconcile failed");
        }
        return "ok";
      }
    };
  }
}
