package io.gridbench.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.javaoperatorsdk.operator.Operator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class HealthEndpointsTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static int get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void probesAreUpWhileTheOperatorRunsAndDownOnceItStopped() throws Exception {
    server.expectCustomResource(
        CustomResourceDefinitionContext.fromCustomResourceType(BenchmarkSweep.class));
    Operator operator =
        GridbenchOperator.create(
            OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, "test")),
            Clock.systemUTC(),
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false));
    try (HealthEndpoints health = HealthEndpoints.start(0, operator.getRuntimeInfo())) {
      assertThat(get(health.port(), "/readyz")).isEqualTo(503);

      operator.start();
      assertThat(get(health.port(), "/readyz")).isEqualTo(200);
      assertThat(get(health.port(), "/healthz")).isEqualTo(200);

      operator.stop();
      assertThat(get(health.port(), "/readyz")).isEqualTo(503);
      assertThat(get(health.port(), "/healthz")).isEqualTo(503);
    }
  }
}
