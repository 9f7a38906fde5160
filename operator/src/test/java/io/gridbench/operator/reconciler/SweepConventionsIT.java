package io.gridbench.operator.reconciler;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.Order;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.api.validation.SweepLimits;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.Kubectl;
import io.gridbench.operator.testing.OperatorInNamespace;
import io.gridbench.operator.testing.SweepAwaits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What users script against, on the real API server: {@code kubectl wait --for=condition=Complete}
 * returns for every finished sweep, {@code kubectl get gridbench} lists sweeps with their columns,
 * and the CRD schema refuses in an apply request what {@code SweepLimits} refuses in code.
 */
class SweepConventionsIT {

  private KubernetesClient client;
  private FakeKubelet kubelet;
  private String ns;
  private OperatorInNamespace running;
  private SweepAwaits awaits;

  @BeforeEach
  void startOperator() {
    running = OperatorInNamespace.start("conv");
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
  void kubectlWaitForCompleteReturnsForSucceededPartlySucceededAndFailedSweeps() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    create(sweep("ok", ns, single("a")));
    create(sweep("partly", ns, single("bad"), single("good")));
    create(sweep("failed", ns, single("bad")));
    create(sweep("running", ns, single("a")));

    kubelet.run(awaits.awaitJob("ok-a"));
    kubelet.fail(awaits.awaitJob("partly-bad"), "MeasurementFailed: checksum mismatch");
    kubelet.run(awaits.awaitJob("partly-good"));
    kubelet.fail(awaits.awaitJob("failed-bad"), "MeasurementFailed: checksum mismatch");
    kubelet.start(awaits.awaitJob("running-a"));

    Kubectl.Result waited =
        Kubectl.run(
            90,
            "wait",
            "-n",
            ns,
            "--for=condition=Complete",
            "--timeout=60s",
            "benchmarksweep/ok",
            "benchmarksweep/partly",
            "benchmarksweep/failed");
    assertThat(waited.exitCode()).as(waited.stderr()).isZero();
    assertThat(waited.stdout()).contains("ok condition met", "partly condition met");
    assertThat(waited.stdout()).contains("failed condition met");

    Kubectl.Result stillRunning =
        Kubectl.run(
            30,
            "wait",
            "-n",
            ns,
            "--for=condition=Complete",
            "--timeout=3s",
            "benchmarksweep/running");
    assertThat(stillRunning.exitCode()).as("a running sweep is not complete").isNotZero();

    assertThat(awaits.get("ok").getStatus().getPhase()).isEqualTo(SweepPhase.Succeeded);
    assertThat(awaits.get("partly").getStatus().getPhase())
        .isEqualTo(SweepPhase.PartiallySucceeded);
    BenchmarkSweepStatus failed = awaits.get("failed").getStatus();
    assertThat(failed.getPhase()).isEqualTo(SweepPhase.Failed);
    assertThat(Instant.parse(failed.getStartTime())).isAfter(before);
    assertThat(Instant.parse(failed.getCompletionTime()))
        .isAfterOrEqualTo(Instant.parse(failed.getStartTime()));
    assertThat(failed.getDuration()).matches("\\d+s");

    Kubectl.Result listed = Kubectl.run(30, "get", "gridbench", "-n", ns);
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    String header = listed.stdout().lines().findFirst().orElse("");
    // In the declared order, not the generator's JSON-path order (AGE first).
    assertThat(header.split("\\s+"))
        .containsExactly("NAME", "PHASE", "PROGRESS", "FASTEST", "DURATION", "AGE");
    assertThat(listed.stdout()).contains("PartiallySucceeded");
    assertThat(listed.stdout().lines().filter(l -> l.startsWith("ok ")).findFirst())
        .hasValueSatisfying(
            ok ->
                assertThat(ok)
                    .contains("Succeeded", "4/4", "a (4/4 cells)")
                    .containsPattern(" \\d+s "));
  }

  @Test
  void theSchemaRefusesInAnApplyRequestWhatSweepLimitsRefuse() {
    Map<String, Consumer<BenchmarkSweep>> beyond = new LinkedHashMap<>();
    beyond.put("spec.workers", s -> s.getSpec().setWorkers(SweepLimits.MAX_WORKERS + 1));
    beyond.put(
        "spec.tasksPerCell", s -> s.getSpec().setTasksPerCell(SweepLimits.MAX_TASKS_PER_CELL + 1));
    beyond.put("spec.warmup", s -> s.getSpec().setWarmup(SweepLimits.MAX_WARMUP + 1));
    beyond.put("spec.concurrency", s -> s.getSpec().setConcurrency(SweepLimits.MAX_STRATEGIES + 1));
    beyond.put(
        "spec.strategies",
        s -> {
          List<StrategySpec> many = new ArrayList<>();
          for (int i = 0; i <= SweepLimits.MAX_STRATEGIES; i++) {
            many.add(single("s" + i));
          }
          s.getSpec().setStrategies(many);
        });
    beyond.put(
        "spec.strategies.name", s -> s.getSpec().getStrategies().get(0).setName("x".repeat(41)));
    beyond.put(
        "spec.strategies.workers",
        s -> s.getSpec().getStrategies().get(0).setWorkers(SweepLimits.MAX_WORKERS + 1));
    beyond.put(
        "spec.grid.compute.steps",
        s ->
            s.getSpec().getGrid().setCompute(Axis.geometric(1, 2, SweepLimits.MAX_AXIS_STEPS + 1)));
    beyond.put(
        "spec.strategies[1]",
        s -> s.getSpec().setStrategies(new ArrayList<>(List.of(single("x"), single("x")))));

    // The key is the field as the 1.20 API server names it (list items without their index).
    int i = 0;
    for (Map.Entry<String, Consumer<BenchmarkSweep>> c : beyond.entrySet()) {
      BenchmarkSweep s = sweep("beyond-" + i++, ns, single("a"));
      c.getValue().accept(s);
      assertThatThrownBy(() -> client.resource(s).inNamespace(ns).serverSideApply())
          .as(c.getKey())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(422);
                assertThat(e.getStatus().getMessage()).contains(c.getKey());
              });
    }
    assertThat(client.resources(BenchmarkSweep.class).inNamespace(ns).list().getItems())
        .as("nothing refused was stored")
        .isEmpty();

    BenchmarkSweep atTheLimits = sweep("at-limits", ns, single("a"));
    atTheLimits.getSpec().setWorkers(SweepLimits.MAX_WORKERS);
    // Left out, so the schema's defaults fill them.
    atTheLimits.getSpec().setTasksPerCell(null);
    atTheLimits.getSpec().setWarmup(null);
    atTheLimits.getSpec().setConcurrency(null);
    atTheLimits.getSpec().setOrder(null);
    client.resource(atTheLimits).inNamespace(ns).serverSideApply();
    BenchmarkSweepSpec stored = awaits.get("at-limits").getSpec();
    assertThat(stored.getWorkers()).isEqualTo(SweepLimits.MAX_WORKERS);
    assertThat(stored.getTasksPerCell())
        .as("no schema default: it would collide with a spec.grid.tasksPerCell axis")
        .isNull();
    assertThat(stored.effectiveTasksPerCell()).isEqualTo(BenchmarkSweepSpec.DEFAULT_TASKS_PER_CELL);
    assertThat(stored.getWarmup()).isEqualTo(BenchmarkSweepSpec.DEFAULT_WARMUP);
    assertThat(stored.getConcurrency()).isEqualTo(BenchmarkSweepSpec.DEFAULT_CONCURRENCY);
    assertThat(stored.getOrder()).isEqualTo(Order.SEQUENTIAL);
  }

  private void create(BenchmarkSweep s) {
    client.resource(s).inNamespace(ns).create();
  }
}
