package io.gridbench.operator.reconciler;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static io.gridbench.operator.testing.Sweeps.threads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler wired as in production, against Fabric8's CRUD mock server: fast, but without
 * server-side apply, so JOSDK is told to patch and match without it.
 */
@EnableKubernetesMockClient(crud = true)
class BenchmarkSweepReconcilerTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private Operator operator;

  @BeforeEach
  void start() {
    server.expectCustomResource(
        CustomResourceDefinitionContext.fromCustomResourceType(BenchmarkSweep.class));
    operator =
        GridbenchOperator.create(
            OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, "test")),
            Clock.systemUTC(),
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false));
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.stop();
  }

  private BenchmarkSweepStatus awaitStatus(String name) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> client.resources(BenchmarkSweep.class).inNamespace("test").withName(name).get(),
            s -> s != null && s.getStatus() != null && s.getStatus().getPhase() != null)
        .getStatus();
  }

  @Test
  void aValidSweepGetsItsPlanAndOnlyItsFirstJob() {
    client.resource(sweep("ok", "test", single("a"), single("b"))).create();

    List<Job> jobs =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> client.batch().v1().jobs().inNamespace("test").list().getItems(),
                l -> !l.isEmpty());
    assertThat(jobs).extracting(j -> j.getMetadata().getName()).containsExactly("ok-a");
    assertThat(client.configMaps().inNamespace("test").withName("ok.plan").get()).isNotNull();
    assertThat(awaitStatus("ok").getPhase()).isIn(SweepPhase.Pending, SweepPhase.Running);
  }

  @Test
  void anInvalidSweepFailsWithoutChildren() {
    client.resource(sweep("bad", "test", single("same"), threads("same"))).create();

    assertThat(awaitStatus("bad").getPhase()).isEqualTo(SweepPhase.Failed);
    assertThat(client.batch().v1().jobs().inNamespace("test").list().getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace("test").withName("bad.plan").get()).isNull();
  }
}
