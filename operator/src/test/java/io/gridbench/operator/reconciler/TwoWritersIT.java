package io.gridbench.operator.reconciler;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.PacedStrategies;
import io.gridbench.operator.testing.RequestCounter;
import io.gridbench.operator.testing.SweepAwaits;
import io.gridbench.operator.testing.TestApiServer;
import io.gridbench.runner.worker.ConfigMapResultsStore;
import io.gridbench.runner.worker.Worker;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A retried worker pod and its predecessor (not dead yet, e.g. a node that lost contact) write the
 * same results ConfigMap at once. Optimistic concurrency with resourceVersion and a re-read on
 * conflict must keep every cell exactly once.
 */
class TwoWritersIT {

  @Test
  void aRetriedPodAndItsPredecessorWritingTogetherLoseAndDuplicateNoCell() throws Exception {
    String ns = "two-writers-" + ProcessHandle.current().pid();
    RequestCounter writes = new RequestCounter();
    try (KubernetesClient admin = TestApiServer.client();
        KubernetesClient first = TestApiServer.countingClient(writes);
        KubernetesClient second = TestApiServer.countingClient(writes)) {
      TestApiServer.createNamespace(admin, ns);
      Operator operator =
          GridbenchOperator.create(
              OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
              Clock.systemUTC(),
              admin);
      ExecutorService pods = Executors.newFixedThreadPool(2);
      try {
        operator.start();
        SweepAwaits awaits = new SweepAwaits(admin, ns);
        BenchmarkSweep s = sweep("twice", ns, single("a"));
        s.getSpec().getGrid().setCompute(Axis.of(0, 1, 2, 3, 4, 5));
        s.getSpec().getGrid().setPayloadBytes(Axis.of(0, 1, 2, 3, 4, 5));
        admin.resource(s).create();
        Job job = awaits.awaitJob("twice-a");
        FakeKubelet kubelet = new FakeKubelet(admin);
        kubelet.start(job);
        SweepPlan plan = kubelet.planOf(job);

        // The predecessor stops before its 7th cell until the retry runs its first: from then on
        // both write the remaining cells at the same time, on any machine's scheduling.
        CountDownLatch bothRunning = new CountDownLatch(1);
        Future<StrategyResult> predecessor =
            pods.submit(
                () -> worker(first, plan, PacedStrategies.holdingAfter(5, 6, bothRunning)).run());
        await()
            .atMost(SweepAwaits.WAIT)
            .until(() -> awaits.recordedCells("twice", "a").size() >= 6);
        // The retry resumes after what it finds, then both write the remaining cells together.
        Future<StrategyResult> retry =
            pods.submit(() -> worker(second, plan, PacedStrategies.opening(5, bothRunning)).run());

        assertThat(predecessor.get(60, TimeUnit.SECONDS).outcome())
            .isEqualTo(StrategyResult.Outcome.Succeeded);
        assertThat(retry.get(60, TimeUnit.SECONDS).outcome())
            .isEqualTo(StrategyResult.Outcome.Succeeded);

        List<CellKey> keys = SweepAwaits.keys(awaits.recordedCells("twice", "a"));
        Set<CellKey> expected = new HashSet<>();
        for (long c = 0; c < 6; c++) {
          for (long p = 0; p < 6; p++) {
            expected.add(new CellKey(c, p, 0, 4));
          }
        }
        System.out.println("409 Conflict responses to the two writers: " + writes.responses(409));
        assertThat(writes.responses(409)).as("the writers got in each other's way").isPositive();
        assertThat(keys)
            .as("every cell exactly once")
            .hasSize(36)
            .containsExactlyInAnyOrderElementsOf(expected);

        kubelet.complete(job);
        BenchmarkSweepStatus status =
            awaits.awaitStatus("twice", st -> st.getPhase() == SweepPhase.Succeeded);
        assertThat(status.getProgress()).isEqualTo("36/36");
      } finally {
        pods.shutdownNow();
        operator.stop();
      }
    }
  }

  private static Worker worker(KubernetesClient client, SweepPlan plan, PacedStrategies paced)
      throws PlanException {
    return new Worker(plan, "a", new ConfigMapResultsStore(client, plan, "a"), paced, line -> {});
  }
}
