package io.gridbench.operator.status;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static io.gridbench.operator.testing.Sweeps.threads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.GridbenchCli;
import io.gridbench.operator.testing.OperatorInNamespace;
import io.gridbench.operator.testing.SweepAwaits;
import io.gridbench.runner.fetch.ClusterResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where each strategy ran, on a real kube-apiserver: the workers (run in-process by {@link
 * FakeKubelet}s playing two nodes, resolving the Job's downward-API node name as a kubelet does)
 * record their machine in the results ConfigMaps; the operator shows node and CPU per strategy and
 * warns when the strategies ran on different nodes; {@code gridbench fetch} carries the machines.
 */
class ProvenanceIT {

  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir Path dir;
  private KubernetesClient client;
  private FakeKubelet kubelet;
  private SweepAwaits awaits;
  private String ns;
  private OperatorInNamespace running;

  @BeforeEach
  void startOperator() {
    running = OperatorInNamespace.start("prov");
    client = running.client();
    ns = running.ns();
    awaits = running.awaits();
    kubelet = new FakeKubelet(client);
  }

  @AfterEach
  void stopOperator() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void strategiesOnTwoNodesRaiseMixedMachinesAWarningAndPerStrategyMachinesInTheFetch()
      throws Exception {
    client.resource(sweep("mixed", ns, single("a"), threads("b"))).create();
    kubelet.onNode("node-a").run(awaits.awaitJob("mixed-a"));
    kubelet.onNode("node-b").run(awaits.awaitJob("mixed-b"));

    BenchmarkSweepStatus status =
        awaits.awaitStatus(
            "mixed",
            s ->
                s.getPhase() == SweepPhase.Succeeded
                    && s.getStrategies().stream().allMatch(st -> st.getNode() != null));
    String cpu = MachineInfo.current().cpuModel();
    assertThat(status.getStrategies())
        .extracting(StrategyStatus::getName, StrategyStatus::getNode, StrategyStatus::getCpuModel)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "node-a", cpu),
            org.assertj.core.groups.Tuple.tuple("b", "node-b", cpu));
    Condition mixed = condition(status, Reasons.MIXED_MACHINES);
    assertThat(mixed.getStatus()).isEqualTo("True");
    assertThat(mixed.getReason()).isEqualTo(Reasons.STRATEGIES_ON_DIFFERENT_MACHINES);
    assertThat(mixed.getMessage()).contains("a on node-a", "b on node-b");
    awaitWarning("mixed", Reasons.STRATEGIES_ON_DIFFERENT_MACHINES);

    Path file = dir.resolve("mixed.json");
    GridbenchCli fetch = GridbenchCli.fetch("mixed", ns, file);
    assertThat(fetch.status()).as(fetch.err()).isZero();
    assertThat(fetch.err())
        .contains(
            "gridbench fetch: warning: the strategies ran on different machines, so comparing"
                + " them compares the machines too: a on node-a",
            "b on node-b");
    SweepResults fetched = ResultsJson.read(file);
    assertThat(fetched.machine()).as("no one machine for the whole sweep").isNull();
    assertThat(fetched.strategies())
        .extracting(StrategyResult::name, r -> r.machine().node())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "node-a"),
            org.assertj.core.groups.Tuple.tuple("b", "node-b"));
    assertThat(fetched.strategies().get(0).machine().cpuModel()).isEqualTo(cpu);
  }

  @Test
  void strategiesOnOneNodeAreTheSameMachineWithoutAWarning() throws Exception {
    client.resource(sweep("same", ns, single("a"), single("b"))).create();
    FakeKubelet node = kubelet.onNode("node-a");
    node.run(awaits.awaitJob("same-a"));
    node.run(awaits.awaitJob("same-b"));

    BenchmarkSweepStatus status =
        awaits.awaitStatus(
            "same",
            s ->
                s.getPhase() == SweepPhase.Succeeded
                    && s.getStrategies().stream().allMatch(st -> st.getNode() != null));
    assertThat(status.getStrategies()).extracting(StrategyStatus::getNode).containsOnly("node-a");
    Condition mixed = condition(status, Reasons.MIXED_MACHINES);
    assertThat(mixed.getStatus()).isEqualTo("False");
    assertThat(mixed.getReason()).isEqualTo(Reasons.SAME_MACHINE);
    assertThat(warnings("same")).doesNotContain(Reasons.STRATEGIES_ON_DIFFERENT_MACHINES);

    SweepResults fetched = new ClusterResults(client).fetch(ns, "same");
    assertThat(fetched.machine()).as("one machine section for the sweep").isNotNull();
    assertThat(fetched.machine().node()).isEqualTo("node-a");
    assertThat(fetched.strategies()).allSatisfy(r -> assertThat(r.machine()).isNull());
  }

  private List<String> warnings(String sweep) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> sweep.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Warning".equals(e.getType()))
        .map(Event::getReason)
        .toList();
  }

  private void awaitWarning(String sweep, String reason) {
    await().atMost(WAIT).until(() -> warnings(sweep), w -> w.contains(reason));
  }

  private static Condition condition(BenchmarkSweepStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no condition " + type + " in " + status.getConditions()));
  }
}
