package io.gridbench.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void defaultsWorkForALocalRun() {
    OperatorSettings s = OperatorSettings.from(Map.of());

    assertThat(s.namespaces()).isEmpty();
    assertThat(s.runnerImage()).isEqualTo(OperatorSettings.DEFAULT_RUNNER_IMAGE);
    assertThat(s.healthPort()).isEqualTo(8081);
    assertThat(s.metricsPort()).isEqualTo(8080);
    assertThat(s.jobBackoffLimit()).isEqualTo(2);
    assertThat(s.workerCpu()).isEqualTo("2");
    assertThat(s.workerMemory()).isEqualTo("4Gi");
  }

  @Test
  void workerResourcesMustBePositiveQuantities() {
    assertThat(OperatorSettings.from(Map.of(OperatorSettings.WORKER_CPU, "500m")).workerCpu())
        .isEqualTo("500m");
    assertThatThrownBy(() -> OperatorSettings.from(Map.of(OperatorSettings.WORKER_MEMORY, "lots")))
        .hasMessage(
            "GRIDBENCH_WORKER_MEMORY: 'lots' is not a Kubernetes quantity (e.g. 2, 500m, 4Gi).");
    assertThatThrownBy(() -> OperatorSettings.from(Map.of(OperatorSettings.WORKER_CPU, "0")))
        .hasMessage("GRIDBENCH_WORKER_CPU: '0' must be more than zero.");
  }

  @Test
  void namespacesAreACommaSeparatedList() {
    assertThat(
            OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, " a, b ,,"))
                .namespaces())
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aMalformedNumberNamesTheVariable() {
    assertThatThrownBy(() -> OperatorSettings.from(Map.of(OperatorSettings.METRICS_PORT, "http")))
        .hasMessage("GRIDBENCH_METRICS_PORT: 'http' is not a whole number.");
    assertThatThrownBy(
            () -> OperatorSettings.from(Map.of(OperatorSettings.JOB_BACKOFF_LIMIT, "1000")))
        .hasMessage(
            "GRIDBENCH_JOB_BACKOFF_LIMIT: 1000 is out of range; allowed values are 0 to 100.");
  }
}
