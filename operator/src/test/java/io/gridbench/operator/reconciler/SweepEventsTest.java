package io.gridbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.operator.observe.RayClusterState;
import io.gridbench.operator.observe.ResultShards;
import io.gridbench.operator.observe.SweepObservation;
import io.gridbench.operator.status.Reasons;
import io.gridbench.operator.status.SweepStatusBuilder;
import io.gridbench.operator.testing.Sweeps;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SweepEventsTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private final SweepEvents events = new SweepEvents(Clock.systemUTC());

  private BenchmarkSweep sweep(String name) {
    BenchmarkSweep s = Sweeps.sweep(name, "test", Sweeps.single("a"));
    s.getMetadata().setUid("uid-" + name);
    s.getMetadata().setGeneration(1L);
    return s;
  }

  private BenchmarkSweepStatus invalid(BenchmarkSweep s, String problem) {
    return new SweepStatusBuilder(s, Clock.systemUTC())
        .addObservation(
            new SweepObservation(
                s,
                Optional.empty(),
                false,
                Map.of(),
                Map.of(),
                Map.of(),
                GridResults.empty(),
                Map.of(),
                Map.of(),
                ResultShards.NONE,
                RayClusterState.NOT_NEEDED,
                List.of(),
                List.of()))
        .addInvalidSpec(List.of(problem))
        .build();
  }

  private List<Event> warnings(String sweep) {
    return client.v1().events().inNamespace("test").list().getItems().stream()
        .filter(e -> sweep.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void aProblemIsAnnouncedOnceAndAgainOnlyWhenItsMessageChanges() {
    BenchmarkSweep s = sweep("once");
    BenchmarkSweepStatus first = invalid(s, "spec.workers: 0 is out of range.");

    events.onStatus(client, s, first);
    s.setStatus(first);
    events.onStatus(client, s, invalid(s, "spec.workers: 0 is out of range."));

    assertThat(warnings("once"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo(Reasons.INVALID_SPEC);
              assertThat(e.getMessage()).contains("spec.workers");
              assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-once");
            });

    events.onStatus(client, s, invalid(s, "spec.repetitions: 0 is out of range."));
    assertThat(warnings("once")).hasSize(2);
  }

  @Test
  void aRefusedEventDoesNotFailTheReconcile() {
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/test/events")
        .andReturn(403, "forbidden")
        .always();
    BenchmarkSweep s = sweep("refused");

    assertThatCode(() -> events.onStatus(client, s, invalid(s, "spec: bad.")))
        .doesNotThrowAnyException();
    assertThat(warnings("refused")).as("the server refused it").isEmpty();
  }
}
