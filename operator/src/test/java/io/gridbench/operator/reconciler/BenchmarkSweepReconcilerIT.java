package io.gridbench.operator.reconciler;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static io.gridbench.operator.testing.Sweeps.threads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.status.Reasons;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.SweepAwaits;
import io.gridbench.operator.testing.TestApiServer;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.workload.CellWork;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The operator against a real kube-apiserver + etcd. No controller runs there, so the test plays
 * the kubelet ({@link FakeKubelet}) and asserts owner references rather than garbage collection.
 * Each test gets its own namespace and an operator watching only it.
 */
class BenchmarkSweepReconcilerIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private KubernetesClient client;
  private FakeKubelet kubelet;
  private String ns;
  private Operator operator;
  private SweepAwaits awaits;

  @BeforeEach
  void startOperator(TestInfo test) {
    client = TestApiServer.client();
    kubelet = new FakeKubelet(client);
    ns = "it-" + NAMESPACES.incrementAndGet() + "-" + ProcessHandle.current().pid();
    TestApiServer.createNamespace(client, ns);
    awaits = new SweepAwaits(client, ns);
    operator = startedOperator();
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.stop();
    }
    if (client != null) {
      client.close();
    }
  }

  private Operator startedOperator() {
    OperatorSettings settings =
        OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns));
    Operator op = GridbenchOperator.create(settings, Clock.systemUTC(), client);
    op.start();
    return op;
  }

  @Test
  void aTwoStrategySweepRunsOneJobAtATimeToSucceededWithTheMatricesTheWorkersWrote()
      throws Exception {
    create(sweep("two", ns, single("single"), threads("threads")));

    Job first = awaitJob("two-single");
    assertThat(jobs()).as("one strategy at a time").hasSize(1);
    kubelet.run(first);
    Job second = awaitJob("two-threads");
    kubelet.run(second);

    BenchmarkSweepStatus status = awaitStatus("two", s -> s.getPhase() == SweepPhase.Succeeded);
    assertThat(status.getProgress()).isEqualTo("8/8");
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(condition(status, Reasons.READY))
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.ALL_STRATEGIES_SUCCEEDED))
        .satisfies(c -> assertThat(c.getObservedGeneration()).isEqualTo(1L));
    // The workers' drift canaries reached status: a verdict either way, a figure per strategy.
    assertThat(condition(status, Reasons.DRIFTING).getReason())
        .isIn(Reasons.CANARY_STEADY, Reasons.CANARY_DRIFTED);
    assertThat(status.getStrategies())
        .allSatisfy(s -> assertThat(s.getCanaryDriftPercent()).isNotNull());
    assertThat(status.getSummary().getCompute()).containsExactly(0L, 1000L);
    assertThat(status.getSummary().getPayloadBytes()).containsExactly(0L, 256L);
    assertThat(status.getSummary().getFastest()).matches("(single|threads) \\(\\d/4 cells\\)");
    for (StrategyStatus s : status.getStrategies()) {
      assertThat(s.getPhase()).isEqualTo(StrategyPhase.Succeeded);
      assertThat(s.getJobName()).isEqualTo("two-" + s.getName());
      assertThat(s.getStartTime()).isNotNull();
      assertThat(s.getFinishTime()).isNotNull();
      Map<CellKey, CellResult> written = recordedCells("two", s.getName());
      assertThat(written).hasSize(4);
      assertThat(s.getMedianSeconds())
          .isEqualTo(
              List.of(
                  List.of(median(written, 0, 0), median(written, 0, 256)),
                  List.of(median(written, 1000, 0), median(written, 1000, 256))));
      assertThat(s.getRelativeSpread().get(1).get(1))
          .isEqualTo(written.get(new CellKey(1000, 256, 0, 4)).stats().relativeSpread());
    }
  }

  @Test
  void everyChildCarriesAnOwnerReferenceToTheSweep() throws Exception {
    BenchmarkSweep sweep = create(sweep("owned", ns, single("a")));
    Job job = awaitJob("owned-a");
    kubelet.run(job);
    awaitStatus("owned", s -> s.getPhase() == SweepPhase.Succeeded);

    List<HasMetadata> children = new ArrayList<>();
    children.addAll(jobs());
    children.addAll(
        client.configMaps().inNamespace(ns).withLabel(Labels.SWEEP, "owned").list().getItems());
    children.add(client.serviceAccounts().inNamespace(ns).withName("owned-worker").get());
    children.add(client.rbac().roles().inNamespace(ns).withName("owned-worker").get());
    children.add(client.rbac().roleBindings().inNamespace(ns).withName("owned-worker").get());
    // The results ConfigMap, and the next shard the operator created while the worker wrote.
    assertThat(children)
        .extracting(c -> c.getKind() + "/" + c.getMetadata().getName())
        .contains(
            "Job/owned-a",
            "ConfigMap/owned.plan",
            "ConfigMap/owned-a",
            "ServiceAccount/owned-worker",
            "Role/owned-worker",
            "RoleBinding/owned-worker")
        .allMatch(n -> !n.startsWith("ConfigMap/owned-a.") || n.equals("ConfigMap/owned-a.1"));
    String uid = sweep.getMetadata().getUid();
    for (HasMetadata child : children) {
      assertThat(child.getMetadata().getOwnerReferences())
          .as("owner references of %s", child.getMetadata().getName())
          .extracting(OwnerReference::getUid, OwnerReference::getKind, OwnerReference::getName)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(uid, "BenchmarkSweep", "owned"));
    }
  }

  @Test
  void aFailedJobMarksItsStrategyFailedWithThePodsReasonAndTheSweepGoesOn() throws Exception {
    create(sweep("partly", ns, single("bad"), single("good")));

    kubelet.fail(
        awaitJob("partly-bad"),
        "MeasurementFailed: checksum mismatch in cell compute=0, payloadBytes=0");
    kubelet.run(awaitJob("partly-good"));

    BenchmarkSweepStatus status =
        awaitStatus("partly", s -> s.getPhase() == SweepPhase.PartiallySucceeded);
    StrategyStatus bad = status.getStrategies().get(0);
    assertThat(bad.getPhase()).isEqualTo(StrategyPhase.Failed);
    assertThat(bad.getReason()).isEqualTo("MeasurementFailed");
    assertThat(bad.getMessage()).isEqualTo("checksum mismatch in cell compute=0, payloadBytes=0");
    assertThat(bad.getFinishTime()).isNotNull();
    assertThat(status.getStrategies().get(1).getPhase()).isEqualTo(StrategyPhase.Succeeded);
    assertThat(condition(status, Reasons.DEGRADED))
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.STRATEGY_FAILED))
        .satisfies(c -> assertThat(c.getMessage()).contains("bad failed (MeasurementFailed)"));
    assertThat(condition(status, Reasons.READY).getReason())
        .isEqualTo(Reasons.SOME_STRATEGIES_FAILED);
    awaitWarning("partly", Reasons.STRATEGY_FAILED);
  }

  @Test
  void eachInvalidSpecGetsAConditionAWarningEventAndNoChildren() {
    Map<String, Consumer<BenchmarkSweep>> cases = new HashMap<>();
    Map<String, String> expected = new HashMap<>();
    // Two strategies of one name: the schema's map list refuses them (SweepConventionsIT).
    cases.put(
        "huge",
        s -> {
          s.getSpec().getGrid().setCompute(Axis.geometric(1, 1.001, 101));
          s.getSpec().getGrid().setPayloadBytes(Axis.geometric(1, 1.001, 100));
        });
    expected.put("huge", "10100 cells (compute x payloadBytes) is too many");
    String longName = "long-sweep-name-of-twenty-nine";
    cases.put(
        longName,
        s ->
            s.getSpec()
                .setStrategies(
                    new ArrayList<>(List.of(single("a-strategy-name-of-forty-characters-xxxx")))));
    expected.put(longName, "spec.strategies[0].name: the Job name 'long-sweep-name");
    cases.put(
        "9ray",
        s ->
            s.getSpec()
                .setStrategies(
                    new ArrayList<>(List.of(new StrategySpec("r", StrategyType.RayTasks)))));
    expected.put("9ray", "metadata.name: a sweep with Ray strategies names its RayCluster's head");
    cases.put("factor", s -> s.getSpec().getGrid().setCompute(Axis.geometric(10, 0.5, 3)));
    expected.put("factor", "spec.grid.compute.factor: 0.5 is not allowed");
    cases.put("chunk", s -> s.getSpec().getStrategies().get(0).setChunkSize(4));
    expected.put("chunk", "spec.strategies[0].chunkSize: is only meaningful for ProcessPool");

    for (Map.Entry<String, Consumer<BenchmarkSweep>> c : cases.entrySet()) {
      BenchmarkSweep s = sweep(c.getKey(), ns, single("one"));
      c.getValue().accept(s);
      create(s);
    }
    for (String name : cases.keySet()) {
      BenchmarkSweepStatus status = awaitStatus(name, s -> s.getPhase() == SweepPhase.Failed);
      assertThat(condition(status, Reasons.SPEC_APPLIED))
          .as(name)
          .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"))
          .satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.INVALID_SPEC))
          .satisfies(c -> assertThat(c.getMessage()).contains(expected.get(name)));
      awaitWarning(name, Reasons.INVALID_SPEC);
      assertThat(
              client.configMaps().inNamespace(ns).withLabel(Labels.SWEEP, name).list().getItems())
          .as("no plan for %s", name)
          .isEmpty();
    }
    assertThat(jobs()).isEmpty();
  }

  @Test
  void anUnreadableResultsEntryDegradesTheSweepWithItsName() {
    create(sweep("corrupt", ns, single("a")));
    awaitJob("corrupt-a");

    // The shard the operator created, written as a broken worker would.
    client
        .configMaps()
        .inNamespace(ns)
        .withName("corrupt-a")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("c0.p0", "{not json").build());

    BenchmarkSweepStatus status =
        awaitStatus(
            "corrupt",
            s -> Reasons.UNREADABLE_RESULTS.equals(condition(s, Reasons.DEGRADED).getReason()));
    assertThat(condition(status, Reasons.DEGRADED).getMessage())
        .startsWith("ConfigMap corrupt-a key c0.p0: the entry is not a cell result");
    assertThat(status.getPhase())
        .as("the rest of the status is kept")
        .isEqualTo(SweepPhase.Running);
  }

  @Test
  void theSchemaRejectsWhatItCanBeforeTheOperatorSeesIt() {
    BenchmarkSweep noStrategies = sweep("none", ns);
    // repetitions is int-or-"auto", which a 1.20 schema cannot bound; tasksPerCell keeps a minimum.
    BenchmarkSweep zeroReps = sweep("zero", ns, single("a"));
    zeroReps.getSpec().setTasksPerCell(0);
    BenchmarkSweep badName = sweep("badname", ns, single("Not_A_Name"));

    for (BenchmarkSweep s : List.of(noStrategies, zeroReps, badName)) {
      assertThatThrownBy(() -> create(s))
          .as(s.getMetadata().getName())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    }
  }

  @Test
  void aSpecChangedMidRunIsNotAppliedAndTheResultsAreKept() throws Exception {
    create(sweep("edited", ns, single("a"), single("b")));
    kubelet.run(awaitJob("edited-a"));
    Job b = awaitJob("edited-b");
    Map<CellKey, CellResult> before = recordedCells("edited", "a");

    BenchmarkSweep edited = get("edited");
    edited.getSpec().setRepetitions(new IntOrString(7));
    edited.getSpec().getStrategies().add(single("c"));
    client.resource(edited).update();

    BenchmarkSweepStatus changed =
        awaitStatus(
            "edited",
            s ->
                s.getObservedGeneration() == 2L
                    && condition(s, Reasons.SPEC_APPLIED).getStatus().equals("False"));
    assertThat(condition(changed, Reasons.SPEC_APPLIED).getReason())
        .isEqualTo(Reasons.SPEC_CHANGED_AFTER_START);
    assertThat(changed.getAppliedGeneration()).isEqualTo(1L);
    assertThat(kubelet.planOf(b).spec().effectiveRepetitions()).isEqualTo(2);
    kubelet.run(b);

    BenchmarkSweepStatus done = awaitStatus("edited", s -> s.getPhase() == SweepPhase.Succeeded);
    assertThat(done.getStrategies()).extracting(StrategyStatus::getName).containsExactly("a", "b");
    assertThat(jobs()).hasSize(2);
    assertThat(recordedCells("edited", "a")).isEqualTo(before);
    awaitWarning("edited", Reasons.SPEC_CHANGED_AFTER_START);
  }

  @Test
  void anOperatorRestartMidSweepNeitherLosesNorRedoesFinishedStrategies() throws Exception {
    create(sweep("restart", ns, single("a"), single("b"), single("c")));
    Job a = awaitJob("restart-a");
    kubelet.run(a);
    Job b = awaitJob("restart-b");
    kubelet.start(b);
    Map<CellKey, CellResult> aCells = recordedCells("restart", "a");

    operator.stop();
    operator = null;
    // While no operator runs, b's pod records two cells and dies.
    assertThatThrownBy(() -> kubelet.run(b, new DyingProvider(2))).isInstanceOf(PodDied.class);
    operator = startedOperator();

    // The new operator picks the running strategy up from its ConfigMap, creates no new Job for it.
    BenchmarkSweepStatus picked = awaitStatus("restart", s -> "6/12".equals(s.getProgress()));
    assertThat(picked.getStrategies().get(1).getPhase()).isEqualTo(StrategyPhase.Running);
    kubelet.run(b); // the retried pod resumes after the recorded cells
    kubelet.run(awaitJob("restart-c"));
    BenchmarkSweepStatus status = awaitStatus("restart", s -> s.getPhase() == SweepPhase.Succeeded);
    assertThat(status.getProgress()).isEqualTo("12/12");
    assertThat(jobs())
        .extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("restart-a", "restart-b", "restart-c");
    assertThat(job("restart-a").getMetadata().getUid()).isEqualTo(a.getMetadata().getUid());
    assertThat(job("restart-b").getMetadata().getUid()).isEqualTo(b.getMetadata().getUid());
    assertThat(recordedCells("restart", "a")).isEqualTo(aCells);
  }

  @Test
  void aRestartedWorkerResumesAfterTheLastRecordedCell() throws Exception {
    create(sweep("resume", ns, single("a")));
    Job job = awaitJob("resume-a");

    // The first pod dies (not a strategy failure: the JVM goes) while measuring its third cell.
    assertThatThrownBy(() -> kubelet.run(job, new DyingProvider(2))).isInstanceOf(PodDied.class);
    awaitStatus("resume", s -> s.getCellsDone() != null && s.getCellsDone() == 2);
    Map<CellKey, CellResult> firstAttempt = recordedCells("resume", "a");

    CountingProvider second = new CountingProvider();
    kubelet.run(job, second);

    assertThat(second.cells).hasSize(2).doesNotContainAnyElementsOf(firstAttempt.keySet());
    Map<CellKey, CellResult> all = recordedCells("resume", "a");
    assertThat(all).hasSize(4).containsAllEntriesOf(firstAttempt);
    awaitStatus("resume", s -> s.getPhase() == SweepPhase.Succeeded);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Dies like a killed pod after {@code cells} cells. */
  static final class DyingProvider implements StrategyProvider {
    private final int cells;
    private final Set<CellKey> seen = new HashSet<>();

    DyingProvider(int cells) {
      this.cells = cells;
    }

    @Override
    public Strategy create(StrategySpec spec, int workers) {
      return strategy(
          cell -> {
            seen.add(cell.key());
            if (seen.size() > cells) {
              throw new PodDied();
            }
          });
    }
  }

  /** Records the cells it runs. */
  static final class CountingProvider implements StrategyProvider {
    final Set<CellKey> cells = new HashSet<>();

    @Override
    public Strategy create(StrategySpec spec, int workers) {
      return strategy(cell -> cells.add(cell.key()));
    }
  }

  /**
   * The pod's JVM going away mid-cell: an Error, which nothing in the worker catches, as nothing
   * could catch a killed process.
   */
  static final class PodDied extends Error {}

  private static Strategy strategy(Consumer<CellWork> onCell) {
    return new Strategy() {
      @Override
      public long runCell(CellWork cell) throws StrategyException {
        onCell.accept(cell);
        return cell.referenceChecksum();
      }

      @Override
      public ExecutionMode mode() {
        return ExecutionMode.LOCAL;
      }

      @Override
      public void close() {}
    };
  }

  private BenchmarkSweep create(BenchmarkSweep sweep) {
    return client.resource(sweep).create();
  }

  private BenchmarkSweep get(String name) {
    return awaits.get(name);
  }

  private List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace(ns).list().getItems();
  }

  private Job job(String name) {
    return awaits.job(name);
  }

  private Job awaitJob(String name) {
    return awaits.awaitJob(name);
  }

  private BenchmarkSweepStatus awaitStatus(String name, Predicate<BenchmarkSweepStatus> done) {
    return awaits.awaitStatus(name, done);
  }

  private void awaitWarning(String sweep, String reason) {
    await()
        .atMost(WAIT)
        .until(
            () -> client.v1().events().inNamespace(ns).list().getItems(),
            events ->
                events.stream()
                    .filter(e -> sweep.equals(e.getInvolvedObject().getName()))
                    .filter(e -> "Warning".equals(e.getType()))
                    .map(Event::getReason)
                    .anyMatch(reason::equals));
  }

  private static Condition condition(BenchmarkSweepStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no condition " + type + " in " + status.getConditions()));
  }

  private Map<CellKey, CellResult> recordedCells(String sweep, String strategy) throws Exception {
    return awaits.recordedCellsByKey(sweep, strategy);
  }

  private static Double median(Map<CellKey, CellResult> cells, long compute, long payload) {
    return cells.get(new CellKey(compute, payload, 0, 4)).stats().median();
  }
}
