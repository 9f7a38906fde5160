package io.gridbench.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.operator.testing.TestApiServer;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD on a real API server: an axis as a plain list ({@code compute: [0, 1000]}) is
 * accepted and reads back as {@code {values: [...]}}; scalars, empty axes and non-integer values
 * are refused by the server itself.
 */
class AxisShapeIT {

  private static final String NS = "axis-shape-" + ProcessHandle.current().pid();

  private static GenericKubernetesResource sweep(String name, String compute, String payload) {
    String yaml =
        """
        apiVersion: gridbench.io/v1alpha1
        kind: BenchmarkSweep
        metadata:
          name: %s
        spec:
          grid:
            compute: %s
            payloadBytes: %s
          strategies:
            - name: single
              type: SingleThread
        """
            .formatted(name, compute, payload);
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static GenericKubernetesResource create(
      KubernetesClient client, GenericKubernetesResource r) {
    return client
        .genericKubernetesResources(BenchmarkSweep.API_VERSION, BenchmarkSweep.KIND)
        .inNamespace(NS)
        .resource(r)
        .create();
  }

  @Test
  void plainListsAreAxesAndScalarsAreRefused() {
    try (KubernetesClient client = TestApiServer.client()) {
      TestApiServer.createNamespace(client, NS);

      create(client, sweep("lists", "[0, 1000]", "[0, 65536]"));
      create(client, sweep("mixed", "[0, 1000]", "{start: 1024, factor: 2, steps: 3}"));
      create(client, sweep("objects", "{values: [5]}", "{values: [0]}"));

      BenchmarkSweep lists =
          client.resources(BenchmarkSweep.class).inNamespace(NS).withName("lists").get();
      assertThat(lists.getSpec().getGrid().getCompute().expand()).containsExactly(0L, 1000L);
      assertThat(lists.getSpec().getGrid().getPayloadBytes().expand()).containsExactly(0L, 65536L);
      BenchmarkSweep mixed =
          client.resources(BenchmarkSweep.class).inNamespace(NS).withName("mixed").get();
      assertThat(mixed.getSpec().getGrid().getPayloadBytes().expand())
          .containsExactly(1024L, 2048L, 4096L);

      for (String[] bad :
          new String[][] {
            {"scalar", "lots"},
            {"number", "7"},
            {"empty-list", "[]"},
            {"empty-object", "{}"},
            {"text-value", "[0, lots]"},
            {"fraction", "[0, 1.5]"},
            {"bad-object", "{values: [0, lots]}"},
          }) {
        assertThatThrownBy(() -> create(client, sweep(bad[0], bad[1], "[0]")))
            .as("compute: %s", bad[1])
            .isInstanceOf(KubernetesClientException.class)
            .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
            .hasMessageContaining("spec.grid.compute");
      }
    }
  }
}
