package io.gridbench.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ConfigMapResultsStoreTest {

  static KubernetesClient client;

  private static CellResult cell(long compute, long payload) {
    return CellResult.of(compute, payload, 4, 42L, List.of(0.1, 0.2), Instant.EPOCH, null);
  }

  private ConfigMap get(String name) {
    return client.configMaps().inNamespace("test").withName(name).get();
  }

  private static ConfigMapResultsStore store(SweepPlan plan, int shards, int budget) {
    OperatorShards.create(client, plan, "single", shards);
    return new ConfigMapResultsStore(client, plan, "single", budget, Duration.ofSeconds(5));
  }

  private static ConfigMapResultsStore store(SweepPlan plan) {
    return store(plan, 1, ResultsConfigMaps.SHARD_BUDGET_BYTES);
  }

  @Test
  void cellsGoIntoTheShardTheOperatorCreatedAndAreReadBack() throws PlanException {
    SweepPlan plan = Plans.twoByTwo("s1");
    ConfigMapResultsStore store = store(plan);
    assertThat(store.load()).isEmpty();

    store.record(cell(0, 0));
    store.record(cell(0, 256));

    ConfigMap cm = get("s1-single");
    assertThat(cm.getData()).containsOnlyKeys("c0.p0.t4", "c0.p256.t4");
    assertThat(cm.getMetadata().getLabels())
        .containsEntry(Labels.SWEEP, "s1")
        .containsEntry(Labels.STRATEGY, "single")
        .containsEntry(Labels.COMPONENT, Labels.RESULTS);
    assertThat(cm.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getUid()).isEqualTo("uid-s1");
              assertThat(o.getKind()).isEqualTo("BenchmarkSweep");
              assertThat(o.getName()).isEqualTo("s1");
            });
    assertThat(new ConfigMapResultsStore(client, plan, "single").load())
        .containsExactly(cell(0, 0), cell(0, 256));
  }

  @Test
  void theDriftReportLandsBesideTheCellsWithoutBeingReadAsOne() throws PlanException {
    SweepPlan plan = Plans.twoByTwo("s5");
    ConfigMapResultsStore store = store(plan);
    store.record(cell(0, 0));
    DriftReport drift =
        DriftReport.of(0, 0, 10, 0.05, List.of(new DriftReport.Point(0, Instant.EPOCH, 0.01)));
    store.recordDrift(drift);
    store.record(cell(0, 256));

    ConfigMap cm = get("s5-single");
    assertThat(cm.getData())
        .containsOnlyKeys("c0.p0.t4", "c0.p256.t4", ResultsConfigMaps.DRIFT_KEY);
    assertThat(ResultsConfigMaps.decodeDrift("x", cm.getData().get(ResultsConfigMaps.DRIFT_KEY)))
        .isEqualTo(drift);
    assertThat(new ConfigMapResultsStore(client, plan, "single").load())
        .containsExactly(cell(0, 0), cell(0, 256));
  }

  @Test
  void aConcurrentWriteIsRetriedWithoutLosingEitherSide() throws PlanException {
    SweepPlan plan = Plans.twoByTwo("s2");
    ConfigMapResultsStore store = store(plan);
    store.load();
    store.record(cell(0, 0));
    // Someone else writes in between: the store's resourceVersion is now stale.
    client
        .configMaps()
        .inNamespace("test")
        .resource(new ConfigMapBuilder(get("s2-single")).addToData("note", "x").build())
        .update();

    store.record(cell(1000, 0));

    assertThat(get("s2-single").getData()).containsOnlyKeys("c0.p0.t4", "c1000.p0.t4", "note");
  }

  @Test
  void cellsBeyondTheBudgetGoToTheNextShardsAndAResumedWorkerFillsTheLastOne()
      throws PlanException {
    SweepPlan plan = Plans.twoByTwo("s3");
    int oneCell = ResultsConfigMaps.entryBytes("c0.p0.t4", ResultsConfigMaps.encode(cell(0, 0)));
    // The operator keeps one empty shard ahead of the last one written.
    ConfigMapResultsStore store = store(plan, 4, oneCell + 10);
    store.load();
    store.record(cell(0, 0));
    store.record(cell(0, 256));
    store.record(cell(1000, 0));

    assertThat(get("s3-single").getData()).containsOnlyKeys("c0.p0.t4");
    assertThat(get("s3-single.1").getData()).containsOnlyKeys("c0.p256.t4");
    assertThat(get("s3-single.2").getData()).containsOnlyKeys("c1000.p0.t4");
    ConfigMapResultsStore resumed =
        new ConfigMapResultsStore(client, plan, "single", 1 << 20, Duration.ofSeconds(5));
    assertThat(resumed.load()).containsExactly(cell(0, 0), cell(0, 256), cell(1000, 0));
    resumed.record(cell(1000, 256));
    assertThat(get("s3-single.2").getData()).containsOnlyKeys("c1000.p0.t4", "c1000.p256.t4");
    assertThat(get("s3-single.3").getData()).as("the spare stays empty").isNullOrEmpty();
  }

  @Test
  void aShardTheOperatorHasNotCreatedYetIsWaitedFor() throws Exception {
    SweepPlan plan = Plans.twoByTwo("s6");
    int oneCell = ResultsConfigMaps.entryBytes("c0.p0.t4", ResultsConfigMaps.encode(cell(0, 0)));
    ConfigMapResultsStore store = store(plan, 1, oneCell + 10);
    store.record(cell(0, 0));
    Thread operator =
        new Thread(
            () -> {
              sleep(500);
              client
                  .configMaps()
                  .inNamespace("test")
                  .resource(
                      new ConfigMapBuilder(get("s6-single"))
                          .editMetadata()
                          .withName("s6-single.1")
                          .withResourceVersion(null)
                          .withUid(null)
                          .endMetadata()
                          .withData(Map.of())
                          .build())
                  .create();
            });
    operator.start();

    store.record(cell(0, 256));

    operator.join();
    assertThat(get("s6-single.1").getData()).containsOnlyKeys("c0.p256.t4");
  }

  @Test
  void aShardThatNeverComesFailsNamingItAndTheServiceAccount() {
    SweepPlan plan = Plans.twoByTwo("s7");
    ConfigMapResultsStore store =
        new ConfigMapResultsStore(
            client, plan, "single", ResultsConfigMaps.SHARD_BUDGET_BYTES, Duration.ofSeconds(1));

    assertThatThrownBy(store::load)
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("results ConfigMap s7-single does not exist after 1 s")
        .hasMessageContaining("grants it to ServiceAccount s7-worker")
        .extracting(e -> ((KubernetesClientException) e).getCode())
        .isEqualTo(404);
    assertThat(get("s7-single")).as("the worker creates nothing").isNull();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aSameNamedConfigMapOfAnotherSweepIsNotWrittenInto() {
    client
        .configMaps()
        .inNamespace("test")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("s4-single")
                .withLabels(Labels.of("s4", Labels.RESULTS, "single"))
                .endMetadata()
                .addToData("mine", "1")
                .build())
        .create();
    ConfigMapResultsStore store =
        new ConfigMapResultsStore(
            client,
            Plans.twoByTwo("s4"),
            "single",
            ResultsConfigMaps.SHARD_BUDGET_BYTES,
            Duration.ofSeconds(5));

    assertThatThrownBy(store::load)
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("ConfigMap s4-single exists but does not belong");
    assertThatThrownBy(() -> store.record(cell(0, 0))).isInstanceOf(PlanException.class);
    assertThat(get("s4-single").getData()).containsOnlyKeys("mine");
  }
}
