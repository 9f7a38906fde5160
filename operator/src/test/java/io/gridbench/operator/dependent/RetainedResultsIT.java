package io.gridbench.operator.dependent;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static io.gridbench.operator.testing.Sweeps.threads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.status.Reasons;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.GridbenchCli;
import io.gridbench.operator.testing.OperatorInNamespace;
import io.gridbench.operator.testing.SweepAwaits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.retainResults} on a real kube-apiserver: the plan and results ConfigMaps get no owner
 * (so the garbage collector, which this bare API server does not run, has nothing to delete them
 * for) but the sweep's uid as a label, which is how the operator grants them to the sweep's workers
 * (here impersonated as their pod's ServiceAccount, so RBAC decides) and how they are told from a
 * later sweep's. After the sweep is deleted they remain, {@code gridbench fetch} reads them, and a
 * new sweep of the same name waits, saying so, until they are deleted by label.
 */
class RetainedResultsIT {

  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir Path dir;
  private KubernetesClient client;
  private SweepAwaits awaits;
  private String ns;
  private OperatorInNamespace running;

  @BeforeEach
  void startOperator() {
    running = OperatorInNamespace.start("keep");
    client = running.client();
    ns = running.ns();
    awaits = running.awaits();
  }

  @AfterEach
  void stopOperator() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void retainedResultsOutliveTheSweepAreFetchedAndBlockANewSweepOfTheNameUntilDeleted()
      throws Exception {
    BenchmarkSweep s = sweep("kept", ns, single("a"), threads("b"));
    s.getSpec().setRetainResults(true);
    String uid = client.resource(s).create().getMetadata().getUid();
    FakeKubelet kubelet = FakeKubelet.withPodAccounts(client);
    kubelet.run(awaits.awaitJob("kept-a"));
    kubelet.run(awaits.awaitJob("kept-b"));
    BenchmarkSweepStatus status =
        awaits.awaitStatus("kept", st -> st.getPhase() == SweepPhase.Succeeded);

    List<ConfigMap> kept = configMaps("kept");
    assertThat(kept)
        .extracting(cm -> cm.getMetadata().getName())
        .contains("kept.plan", "kept-a", "kept-b");
    assertThat(kept)
        .allSatisfy(
            cm -> {
              assertThat(cm.getMetadata().getOwnerReferences()).isNullOrEmpty();
              assertThat(cm.getMetadata().getLabels())
                  .containsEntry(Labels.RETAINED, "true")
                  .containsEntry(Labels.SWEEP_UID, uid)
                  .containsEntry(Labels.SWEEP, "kept");
            });

    client.resource(awaits.get("kept")).delete();
    await().atMost(WAIT).until(() -> awaits.get("kept") == null);
    collectGarbage(uid);
    assertThat(configMaps("kept"))
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(
            kept.stream().map(cm -> cm.getMetadata().getName()).toList());

    SweepResults fetched = fetch("kept");
    assertThat(fetched.partial()).isFalse();
    assertThat(fetched.strategies())
        .extracting(StrategyResult::name, StrategyResult::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", StrategyResult.Outcome.Succeeded),
            org.assertj.core.groups.Tuple.tuple("b", StrategyResult.Outcome.Succeeded));
    for (StrategyResult r : fetched.strategies()) {
      StrategyStatus st =
          status.getStrategies().stream()
              .filter(x -> x.getName().equals(r.name()))
              .findFirst()
              .orElseThrow();
      assertThat(r.cells()).hasSize(4);
      assertThat(r.cells().stream().mapToDouble(c -> c.stats().median()).sorted().toArray())
          .as("the medians the status had before the sweep was deleted")
          .containsExactly(
              st.getMedianSeconds().stream()
                  .flatMap(List::stream)
                  .mapToDouble(Double::doubleValue)
                  .sorted()
                  .toArray());
    }

    // A new sweep of the name: its ConfigMaps' names are taken, so it waits and says why.
    client.resource(sweep("kept", ns, single("a"))).create();
    BenchmarkSweepStatus blocked =
        awaits.awaitStatus("kept", st -> st.getPhase() == SweepPhase.Failed);
    assertThat(blocked.getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(Reasons.SPEC_APPLIED);
              assertThat(c.getMessage())
                  .contains(
                      "metadata.name: the retained results of an earlier sweep named kept"
                          + " (ConfigMap kept.plan and "
                          + (kept.size() - 1)
                          + " results ConfigMaps) hold the names this sweep needs",
                      "kubectl delete configmap -n "
                          + ns
                          + " -l gridbench.io/retained=true,gridbench.io/sweep=kept");
            });
    assertThat(awaits.job("kept-a")).as("no Job while the names are taken").isNull();
    assertThat(fetch("kept").strategies())
        .as("fetch still reads the retained results, not the waiting sweep")
        .extracting(StrategyResult::name)
        .containsExactly("a", "b");

    // Deleted by label, as the docs say: the new sweep starts, owning its own ConfigMaps.
    client
        .configMaps()
        .inNamespace(ns)
        .withLabels(Map.of(Labels.RETAINED, "true", Labels.SWEEP, "kept"))
        .delete();
    awaits.awaitJob("kept-a");
    String newUid = awaits.get("kept").getMetadata().getUid();
    ConfigMap plan =
        await()
            .atMost(WAIT)
            .until(
                () -> client.configMaps().inNamespace(ns).withName("kept.plan").get(),
                cm -> cm != null);
    assertThat(plan.getMetadata().getOwnerReferences())
        .extracting(OwnerReference::getUid)
        .containsExactly(newUid);
  }

  @Test
  void withoutRetainResultsThePlanAndResultsAreOwnedByTheSweep() throws Exception {
    String uid = client.resource(sweep("owned", ns, single("a"))).create().getMetadata().getUid();
    new FakeKubelet(client).run(awaits.awaitJob("owned-a"));
    awaits.awaitStatus("owned", st -> st.getPhase() == SweepPhase.Succeeded);

    // The garbage collector deletes what carries an owner reference to a deleted owner; this API
    // server runs none, so the reference itself is what is checked.
    assertThat(configMaps("owned"))
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(
            cm -> {
              assertThat(cm.getMetadata().getOwnerReferences())
                  .extracting(OwnerReference::getUid, OwnerReference::getKind)
                  .containsExactly(org.assertj.core.groups.Tuple.tuple(uid, "BenchmarkSweep"));
              assertThat(cm.getMetadata().getLabels())
                  .containsEntry(Labels.SWEEP_UID, uid)
                  .doesNotContainKey(Labels.RETAINED);
            });
  }

  /**
   * Deletes what the garbage collector would once the sweep of {@code uid} is gone: everything with
   * an owner reference to it (this API server runs no garbage collector).
   */
  private void collectGarbage(String uid) {
    List<HasMetadata> owned = new ArrayList<>();
    owned.addAll(client.batch().v1().jobs().inNamespace(ns).list().getItems());
    owned.addAll(client.configMaps().inNamespace(ns).list().getItems());
    owned.addAll(client.serviceAccounts().inNamespace(ns).list().getItems());
    owned.addAll(client.rbac().roles().inNamespace(ns).list().getItems());
    owned.addAll(client.rbac().roleBindings().inNamespace(ns).list().getItems());
    owned.stream()
        .filter(
            o ->
                o.getMetadata().getOwnerReferences() != null
                    && o.getMetadata().getOwnerReferences().stream()
                        .anyMatch(r -> uid.equals(r.getUid())))
        .forEach(
            o -> client.resource(o).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
  }

  private List<ConfigMap> configMaps(String sweep) {
    return client.configMaps().inNamespace(ns).withLabel(Labels.SWEEP, sweep).list().getItems();
  }

  private SweepResults fetch(String sweep) throws Exception {
    Path file = dir.resolve(sweep + "-" + System.nanoTime() + ".json");
    GridbenchCli fetched = GridbenchCli.fetch(sweep, ns, file);
    assertThat(fetched.status()).as(fetched.err()).isZero();
    return ResultsJson.read(file);
  }
}
