package io.gridbench.operator.reconciler;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.PacedStrategies;
import io.gridbench.operator.testing.RestartableApiServer;
import io.gridbench.operator.testing.SweepAwaits;
import io.gridbench.operator.testing.TestApiServer;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kube-apiserver process restarts mid-sweep on the same etcd: the operator's informers lose
 * their watches, reconnect, and the sweep finishes with every result.
 */
class ApiServerRestartIT {

  @Test
  void theOperatorRecoversFromAnApiServerRestartAndTheSweepFinishesWithEveryResult()
      throws Exception {
    String ns = "restart-api";
    try (RestartableApiServer server = RestartableApiServer.start();
        KubernetesClient admin = server.client();
        KubernetesClient operatorClient = server.client()) {
      TestApiServer.createNamespace(admin, ns);
      Operator operator =
          GridbenchOperator.create(
              OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
              Clock.systemUTC(),
              operatorClient);
      try {
        operator.start();
        SweepAwaits awaits = new SweepAwaits(admin, ns);
        admin.resource(sweep("survivor", ns, single("a"), single("b"))).create();
        Job a = awaits.awaitJob("survivor-a");
        FakeKubelet kubelet = new FakeKubelet(admin);
        // The first pod records two cells, then dies with the API server.
        assertThatThrownBy(() -> kubelet.run(a, new PacedStrategies(0, 2)))
            .isInstanceOf(PacedStrategies.PodDied.class);
        awaits.awaitStatus("survivor", s -> "2/8".equals(s.getProgress()));
        List<CellResult> before = awaits.recordedCells("survivor", "a");

        server.stopApiServer();
        await()
            .atMost(SweepAwaits.WAIT)
            .until(() -> !operator.getRuntimeInfo().allEventSourcesAreHealthy());
        // Long enough for the informers' first reconnect attempts to fail.
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        server.startApiServer();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> operator.getRuntimeInfo().allEventSourcesAreHealthy());

        // The retried pod resumes; its cells reach status only through recovered watches.
        kubelet.run(awaits.awaitJob("survivor-a"));
        kubelet.run(awaits.awaitJob("survivor-b"));
        BenchmarkSweepStatus done =
            awaits.awaitStatus("survivor", s -> s.getPhase() == SweepPhase.Succeeded);
        assertThat(done.getProgress()).isEqualTo("8/8");
        assertThat(awaits.recordedCells("survivor", "a")).hasSize(4).containsAll(before);
        assertThat(awaits.recordedCells("survivor", "b")).hasSize(4);
      } finally {
        operator.stop();
      }
    }
  }
}
