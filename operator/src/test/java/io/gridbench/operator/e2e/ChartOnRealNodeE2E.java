package io.gridbench.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.Checksums;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.Order;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.e2e.KubeNode.Run;
import io.gridbench.runner.workload.CellWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole product on a real node: the images the build made, the chart installed with helm, the
 * operator in its pod with the chart's RBAC, each strategy in its own real pod (non-root, read-only
 * root filesystem, emptyDirs, in-cluster credentials), results in ConfigMaps, status, events and
 * metrics; then the faults a real cluster brings (a worker pod and the operator pod deleted
 * mid-run) and what a worker pod's token may do. Each failure dumps the node's state into the test
 * output and {@code operator/target/e2e-diagnostics/}; the node is torn down by its own script
 * whatever happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartOnRealNodeE2E {
  private static final String NS = "default";
  private static final String RELEASE_NS = "gridbench-system";
  private static final String SWEEP = "local-strategies";
  private static final Duration SWEEP_WAIT = Duration.ofMinutes(8);
  private static final Duration COMMAND = Duration.ofMinutes(2);

  private KubeNode node;
  private KubernetesClient client;

  @RegisterExtension
  final AfterTestExecutionCallback diagnoseFailures =
      context -> {
        if (context.getExecutionException().isPresent() && node != null) {
          node.dumpDiagnostics(context.getRequiredTestMethod().getName());
        }
      };

  @BeforeAll
  void startTheNode() throws Exception {
    node = KubeNode.up();
    client = node.client();
  }

  @AfterAll
  void stopTheNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void theReadmesCommandsInstallTheChartAndRunTheLocalStrategiesToSucceededInRealPods()
      throws Exception {
    List<Run> runs = node.runReadmeBlock("<!-- e2e:", SWEEP, SWEEP_WAIT.plusMinutes(1), () -> {});
    assertThat(runs.get(runs.size() - 2).stdout().strip()).isEqualTo("Succeeded");
    assertThat(runs.get(runs.size() - 1).stdout()).contains(SWEEP + "-single-thread");

    assertOperatorRunsLockedDownAndReady();
    BenchmarkSweep sweep = sweep(SWEEP);
    assertSucceededWithReferenceChecksums(sweep);
    assertWorkerPodsRanLockedDownAndGuaranteed(sweep);
    assertJobEvents(sweep);
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void theOperatorsMetricsThroughItsServiceEqualTheStatus() throws Exception {
    String metrics =
        node.kubectl(
                COMMAND,
                "get",
                "--raw",
                "/api/v1/namespaces/"
                    + RELEASE_NS
                    + "/services/gridbench-metrics:8080/proxy/metrics")
            .orFail("scrape through the metrics Service");
    BenchmarkSweepStatus status = sweep(SWEEP).getStatus();
    List<Long> compute = status.getSummary().getCompute();
    List<Long> payload = status.getSummary().getPayloadBytes();
    for (StrategyStatus s : status.getStrategies()) {
      for (int i = 0; i < compute.size(); i++) {
        for (int j = 0; j < payload.size(); j++) {
          String series =
              "gridbench_cell_duration_seconds{compute=\""
                  + compute.get(i)
                  + "\",namespace=\""
                  + NS
                  + "\",payload_bytes=\""
                  + payload.get(j)
                  + "\",quantile=\"0.5\",strategy=\""
                  + s.getName()
                  + "\",sweep=\""
                  + SWEEP
                  + "\"} ";
          Matcher m = Pattern.compile(Pattern.quote(series) + "(\\S+)").matcher(metrics);
          assertThat(m.find()).as("series %s in /metrics", series).isTrue();
          assertThat(Double.parseDouble(m.group(1))).isEqualTo(s.getMedianSeconds().get(i).get(j));
        }
      }
    }
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void aSweepsTokenWritesOnlyItsOwnResultsNotAnotherSweepsNorSecretsNorOtherNamespaces()
      throws Exception {
    // A second sweep in the same namespace runs to Succeeded in a real pod under its own account.
    String other = "neighbour";
    create(
        other,
        sweepSpec(Axis.of(0, 1000), Axis.of(0), strategy("single", StrategyType.SingleThread)));
    assertThat(awaitTerminal(other).getStatus().getPhase()).isEqualTo(SweepPhase.Succeeded);
    String account = ChildNames.workerAccount(other);
    assertThat(workerPods(ChildNames.job(other, "single")))
        .allSatisfy(p -> assertThat(p.getSpec().getServiceAccountName()).isEqualTo(account));
    String own = ChildNames.resultsConfigMap(other, "single", 0);
    String theirs = ChildNames.resultsConfigMap(SWEEP, "single-thread", 0);

    String api = "https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT";
    String configMaps = api + "/api/v1/namespaces/" + NS + "/configmaps";
    String script =
        String.join(
            "\n",
            "sa=/var/run/secrets/kubernetes.io/serviceaccount",
            "code() { curl -s -o /dev/null -w '%{http_code}' --cacert $sa/ca.crt"
                + " -H \"Authorization: Bearer $(cat $sa/token)\" \"$@\"; }",
            "json() { echo '{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"'$1'\"},\"data\":{\"forged\":\"1\"}}'; }",
            "put() { code -X PUT -H 'Content-Type: application/json' -d \"$(json $1)\" "
                + configMaps
                + "/$1; }",
            "echo own-results=$(code " + configMaps + "/" + own + ")",
            "echo other-sweeps-results=$(code " + configMaps + "/" + theirs + ")",
            "echo write-other-sweeps-results=$(put " + theirs + ")",
            "echo list-configmaps=$(code " + configMaps + ")",
            "echo create-configmap=$(code -X POST -H 'Content-Type: application/json'"
                + " -d \"$(json probe)\" "
                + configMaps
                + ")",
            "echo delete-own-results=$(code -X DELETE " + configMaps + "/" + own + ")",
            "echo secrets=$(code " + api + "/api/v1/namespaces/" + NS + "/secrets)",
            "echo secrets-elsewhere=$(code "
                + api
                + "/api/v1/namespaces/"
                + RELEASE_NS
                + "/secrets)",
            "echo configmap-elsewhere=$(code -X POST -H 'Content-Type: application/json'"
                + " -d \"$(json probe)\" "
                + api
                + "/api/v1/namespaces/"
                + RELEASE_NS
                + "/configmaps)",
            "echo pods=$(code " + api + "/api/v1/namespaces/" + NS + "/pods)",
            "echo sweeps=$(code "
                + api
                + "/apis/gridbench.io/v1alpha1/namespaces/"
                + NS
                + "/benchmarksweeps)");
    Pod probe =
        new PodBuilder()
            .withNewMetadata()
            .withName("worker-token-probe")
            .withNamespace(NS)
            .endMetadata()
            .withNewSpec()
            // The account and token exactly as the neighbour's worker pods had them.
            .withServiceAccountName(account)
            .withAutomountServiceAccountToken(true)
            .withRestartPolicy("Never")
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(1000L)
            .endSecurityContext()
            .addNewContainer()
            .withName("probe")
            .withImage("gridbench/runner:" + System.getProperty("gridbench.image.tag", "0.1.0"))
            .withImagePullPolicy("IfNotPresent")
            .withCommand("sh", "-c", script)
            .withNewSecurityContext()
            .withReadOnlyRootFilesystem(true)
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(NS).resource(probe).create();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> client.pods().inNamespace(NS).withName("worker-token-probe").get(),
            p -> p != null && "Succeeded".equals(p.getStatus().getPhase()));
    String log = client.pods().inNamespace(NS).withName("worker-token-probe").getLog();
    System.out.println("worker token probe:\n" + log);
    Map<String, String> codes = new HashMap<>();
    log.lines()
        .filter(l -> l.contains("="))
        .forEach(l -> codes.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    assertThat(codes)
        .as("HTTP status of each request the sweep's token made from inside a pod")
        .containsEntry("own-results", "200")
        .containsEntry("other-sweeps-results", "403")
        .containsEntry("write-other-sweeps-results", "403")
        .containsEntry("list-configmaps", "403")
        .containsEntry("create-configmap", "403")
        .containsEntry("delete-own-results", "403")
        .containsEntry("secrets", "403")
        .containsEntry("secrets-elsewhere", "403")
        .containsEntry("configmap-elsewhere", "403")
        .containsEntry("pods", "403")
        .containsEntry("sweeps", "403");
    assertThat(client.configMaps().inNamespace(NS).withName(theirs).get().getData())
        .doesNotContainKey("forged");
    client.pods().inNamespace(NS).withName("worker-token-probe").delete();
    client.resources(BenchmarkSweep.class).inNamespace(NS).withName(other).delete();

    // The operator has the chart's RBAC and nothing else: no Secrets, no Pods created by hand.
    String operator = "system:serviceaccount:" + RELEASE_NS + ":gridbench";
    for (String[] verbResource :
        new String[][] {{"get", "secrets"}, {"create", "pods"}, {"delete", "nodes"}}) {
      Run canI =
          node.kubectl(
              COMMAND, "auth", "can-i", verbResource[0], verbResource[1], "-A", "--as", operator);
      assertThat(canI.stdout().strip())
          .as("can the operator %s", String.join(" ", verbResource))
          .isEqualTo("no");
    }
    assertThat(
            node.kubectl(COMMAND, "auth", "can-i", "create", "jobs", "-n", NS, "--as", operator)
                .stdout()
                .strip())
        .isEqualTo("yes");
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void deletingTheSweepLetsTheGarbageCollectorRemoveEveryChild() throws Exception {
    assertThat(children(SWEEP)).as("children before the delete").isNotEmpty();
    node.kubectl(COMMAND, "delete", "sweep", "-n", NS, SWEEP).orFail("kubectl delete sweep");
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(children(SWEEP)).as("children left").isEmpty());
  }

  @Test
  @org.junit.jupiter.api.Order(5)
  void aWorkerPodDeletedMidStrategyResumesInTheRetriedPodFromItsRecordedCells() throws Exception {
    String name = "resume";
    int total = 12;
    create(
        name,
        sweepSpec(
            Axis.of(4_000_000, 8_000_000, 12_000_000),
            Axis.of(0, 1024, 4096, 16384),
            strategy("single", StrategyType.SingleThread)));
    String job = ChildNames.job(name, "single");
    List<CellResult> beforeKill =
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> recorded(name, "single"), cells -> cells.size() >= 2);
    assertThat(beforeKill.size())
        .as("cells recorded when the pod is deleted (the strategy must still be running)")
        .isLessThan(total);
    Pod first = workerPods(job).get(0);
    client.pods().inNamespace(NS).resource(first).delete();
    // Once its container has stopped, what the deleted pod recorded can no longer change.
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> client.pods().inNamespace(NS).resource(first).get(), ChartOnRealNodeE2E::stopped);
    Map<CellKey, CellResult> recordedByFirst = byKey(recorded(name, "single"));

    BenchmarkSweep done = awaitTerminal(name);
    assertThat(done.getStatus().getPhase()).isEqualTo(SweepPhase.Succeeded);
    List<CellResult> cells = recorded(name, "single");
    assertThat(cells).hasSize(total);
    assertThat(byKey(cells)).hasSize(total).containsAllEntriesOf(recordedByFirst);
    Pod retried = workerPods(job).get(0);
    assertThat(retried.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
    assertThat(client.pods().inNamespace(NS).resource(retried).getLog())
        .contains(recordedByFirst.size() + " cell(s) already recorded");
    assertChecksums(done, name, "single");
    client.resources(BenchmarkSweep.class).inNamespace(NS).withName(name).delete();
  }

  @Test
  @org.junit.jupiter.api.Order(6)
  void theOperatorPodDeletedMidSweepIsReplacedAndTheNewOneFinishesTheSweep() throws Exception {
    String name = "handover";
    create(
        name,
        sweepSpec(
            Axis.of(4_000_000, 8_000_000),
            Axis.of(0, 4096),
            strategy("single", StrategyType.SingleThread),
            strategy("threads", StrategyType.ThreadPool)));
    String firstJob = ChildNames.job(name, "single");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> client.batch().v1().jobs().inNamespace(NS).withName(firstJob).get() != null);
    Pod operator = operatorPod();
    client.pods().inNamespace(RELEASE_NS).resource(operator).delete();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              Pod now = operatorPod();
              return now != null
                  && !now.getMetadata().getUid().equals(operator.getMetadata().getUid())
                  && Readiness.isPodReady(now);
            });

    BenchmarkSweep done = awaitTerminal(name);
    assertThat(done.getStatus().getPhase()).isEqualTo(SweepPhase.Succeeded);
    for (String strategy : List.of("single", "threads")) {
      assertThat(workerPods(ChildNames.job(name, strategy)))
          .as("one pod ran %s: the new operator did not start it again", strategy)
          .hasSize(1);
      assertChecksums(done, name, strategy);
    }
    client.resources(BenchmarkSweep.class).inNamespace(NS).withName(name).delete();
  }

  @Test
  @org.junit.jupiter.api.Order(7)
  void aWorkerAskingMoreCpuThanTheNodeHasShowsTheSchedulersReasonInsteadOfWaitingSilently()
      throws Exception {
    // One CPU more than the node can give, whatever the machine running the node has.
    int tooMany =
        client.nodes().list().getItems().stream()
                .mapToInt(
                    n ->
                        (int)
                            Math.ceil(
                                Quantity.getAmountInBytes(n.getStatus().getAllocatable().get("cpu"))
                                    .doubleValue()))
                .max()
                .orElseThrow()
            + 1;
    // A workers axis: the local Job asks a CPU per worker of its largest pool, more than the node
    // has. The real scheduler's reason shows, with the axis named as the cause.
    String axis = "workers-axis";
    BenchmarkSweepSpec axisSpec =
        sweepSpec(Axis.of(0), Axis.of(0), strategy("threads", StrategyType.ThreadPool));
    axisSpec.getGrid().setWorkers(Axis.of(1, tooMany));
    create(axis, axisSpec);
    BenchmarkSweep axisStuck = awaitUnschedulable(axis);
    assertThat(axisStuck.getStatus().getPhase()).isEqualTo(SweepPhase.Running);
    assertThat(axisStuck.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Progressing");
              assertThat(c.getReason()).isEqualTo("WorkerUnschedulable");
              assertThat(c.getMessage())
                  .contains("Insufficient cpu")
                  .contains("On spec.grid.workers a local strategy's Job asks one CPU per worker");
            });
    assertThat(
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .withName(ChildNames.job(axis, "threads"))
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getRequests())
        .containsEntry("cpu", new Quantity(Integer.toString(tooMany)));
    client.resources(BenchmarkSweep.class).inNamespace(NS).withName(axis).delete();

    upgradeChart("runner.cpu=" + tooMany, "runner.memory=1Gi");
    String name = "too-big";
    create(name, sweepSpec(Axis.of(0), Axis.of(0), strategy("single", StrategyType.SingleThread)));
    // Progressing stays True (the sweep goes on if a node can take the pod), with the reason.
    BenchmarkSweep stuck = awaitUnschedulable(name);
    assertThat(stuck.getStatus().getPhase()).isEqualTo(SweepPhase.Running);
    assertThat(stuck.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Progressing");
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("WorkerUnschedulable");
              assertThat(c.getMessage()).contains("Insufficient cpu").contains("runner.cpu");
            });
    StrategyStatus single = stuck.getStatus().getStrategies().get(0);
    assertThat(single.getReason()).isEqualTo("Unschedulable");
    await()
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace(NS).list().getItems())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getInvolvedObject().getName()).isEqualTo(name);
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getReason()).isEqualTo("WorkerUnschedulable");
                        }));
    client.resources(BenchmarkSweep.class).inNamespace(NS).withName(name).delete();
  }

  @Test
  @org.junit.jupiter.api.Order(8)
  void aWorkerGivenTooLittleMemoryEndsItsStrategyOomKilled() throws Exception {
    // 40 MiB: less than a JVM with the Kubernetes client needs; no retries, so one pod tells.
    upgradeChart("runner.cpu=1", "runner.memory=40Mi", "runner.jobBackoffLimit=0");
    String name = "oom";
    create(
        name,
        sweepSpec(Axis.of(1000), Axis.of(1 << 20), strategy("single", StrategyType.SingleThread)));
    BenchmarkSweep failed = awaitTerminal(name, SWEEP_WAIT);
    assertThat(failed.getStatus().getPhase()).isEqualTo(SweepPhase.Failed);
    StrategyStatus single = failed.getStatus().getStrategies().get(0);
    assertThat(single.getPhase()).isEqualTo(StrategyPhase.Failed);
    assertThat(single.getReason()).isEqualTo("OOMKilled");
    assertThat(single.getMessage()).contains("ran out of memory").contains("runner.memory");
    client.resources(BenchmarkSweep.class).inNamespace(NS).withName(name).delete();
  }

  // ---- assertions -------------------------------------------------------------------------------

  private void assertOperatorRunsLockedDownAndReady() {
    Deployment deployment =
        client.apps().deployments().inNamespace(RELEASE_NS).withName("gridbench-operator").get();
    assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);
    Pod pod = operatorPod();
    assertThat(Readiness.isPodReady(pod)).isTrue();
    Container c = pod.getSpec().getContainers().get(0);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
  }

  private void assertSucceededWithReferenceChecksums(BenchmarkSweep sweep) throws Exception {
    BenchmarkSweepStatus status = sweep.getStatus();
    int cells =
        sweep.getSpec().getGrid().getCompute().expand().size()
            * sweep.getSpec().getGrid().getPayloadBytes().expand().size();
    int strategies = sweep.getSpec().getStrategies().size();
    assertThat(status.getPhase()).isEqualTo(SweepPhase.Succeeded);
    assertThat(status.getCellsDone()).isEqualTo(cells * strategies);
    assertThat(status.getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Ready");
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("AllStrategiesSucceeded");
            });
    assertThat(status.getStrategies()).hasSize(strategies);
    for (StrategySpec spec : sweep.getSpec().getStrategies()) {
      assertChecksums(sweep, sweep.getMetadata().getName(), spec.getName());
    }
  }

  /**
   * Every cell of {@code strategy} recorded once, its checksum the kernel's reference computed here
   * on the host, and the status matrix of medians equal to what the worker recorded.
   */
  private void assertChecksums(BenchmarkSweep sweep, String name, String strategy)
      throws Exception {
    BenchmarkSweepSpec spec = sweep.getSpec();
    List<Long> compute = spec.getGrid().getCompute().expand();
    List<Long> payload = spec.getGrid().getPayloadBytes().expand();
    Map<CellKey, CellResult> cells = byKey(recorded(name, strategy));
    assertThat(cells).as("cells of %s", strategy).hasSize(compute.size() * payload.size());
    StrategyStatus status =
        sweep.getStatus().getStrategies().stream()
            .filter(s -> s.getName().equals(strategy))
            .findFirst()
            .orElseThrow();
    assertThat(status.getPhase()).isEqualTo(StrategyPhase.Succeeded);
    assertThat(status.getResultsConfigMap())
        .isEqualTo(ChildNames.resultsConfigMap(name, strategy, 0));
    for (int i = 0; i < compute.size(); i++) {
      for (int j = 0; j < payload.size(); j++) {
        CellKey key =
            new CellKey(
                compute.get(i),
                payload.get(j),
                CellKey.STRATEGY_WORKERS,
                spec.effectiveTasksPerCell());
        CellResult cell = cells.get(key);
        assertThat(cell).as("%s cell %s", strategy, key).isNotNull();
        CellWork reference = CellWork.prepare(key, spec.getGrid().effectiveResultBytes());
        assertThat(cell.checksum())
            .as("%s checksum of %s", strategy, key)
            .isEqualTo(Checksums.format(reference.referenceChecksum()));
        assertThat(status.getMedianSeconds().get(i).get(j))
            .as("%s status median of %s", strategy, key)
            .isEqualTo(cell.stats().median());
      }
    }
    for (ConfigMap cm : resultsConfigMaps(name, strategy)) {
      assertThat(cm.getMetadata().getOwnerReferences())
          .extracting(OwnerReference::getKind, OwnerReference::getName, OwnerReference::getUid)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "BenchmarkSweep", name, sweep.getMetadata().getUid()));
    }
  }

  private void assertWorkerPodsRanLockedDownAndGuaranteed(BenchmarkSweep sweep) {
    for (StrategySpec spec : sweep.getSpec().getStrategies()) {
      List<Pod> pods = workerPods(ChildNames.job(SWEEP, spec.getName()));
      assertThat(pods).as("pods of %s", spec.getName()).hasSize(1);
      Pod pod = pods.get(0);
      assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
      assertThat(pod.getStatus().getQosClass()).isEqualTo("Guaranteed");
      assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
      assertThat(
              pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
          .isTrue();
      assertThat(
              pod.getStatus()
                  .getContainerStatuses()
                  .get(0)
                  .getState()
                  .getTerminated()
                  .getExitCode())
          .isZero();
    }
  }

  private void assertJobEvents(BenchmarkSweep sweep) {
    List<Event> events = client.v1().events().inNamespace(NS).list().getItems();
    for (StrategySpec spec : sweep.getSpec().getStrategies()) {
      String job = ChildNames.job(SWEEP, spec.getName());
      assertThat(events)
          .as("events of Job %s", job)
          .anySatisfy(
              e -> {
                assertThat(e.getInvolvedObject().getKind()).isEqualTo("Job");
                assertThat(e.getInvolvedObject().getName()).isEqualTo(job);
                assertThat(e.getReason()).isEqualTo("Completed");
              });
    }
    assertThat(events)
        .as("no Warning on the sweep itself")
        .noneSatisfy(
            e -> {
              assertThat(e.getInvolvedObject().getKind()).isEqualTo("BenchmarkSweep");
              assertThat(e.getType()).isEqualTo("Warning");
            });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private BenchmarkSweep sweep(String name) {
    return client.resources(BenchmarkSweep.class).inNamespace(NS).withName(name).get();
  }

  private BenchmarkSweep awaitTerminal(String name) throws Exception {
    return awaitTerminal(name, SWEEP_WAIT);
  }

  /** {@code kubectl wait} for the sweep's Complete condition, the one users wait on. */
  private BenchmarkSweep awaitTerminal(String name, Duration timeout) throws Exception {
    node.kubectl(
            timeout.plusMinutes(1),
            "wait",
            "-n",
            NS,
            "--for=condition=Complete",
            "sweep/" + name,
            "--timeout=" + timeout.toSeconds() + "s")
        .orFail("kubectl wait for sweep " + name);
    return sweep(name);
  }

  /**
   * Changes the release's worker settings as a user would ({@code helm upgrade --reuse-values});
   * the operator's pod is replaced, and the new one is Ready when this returns.
   */
  private void upgradeChart(String... sets) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "upgrade",
                "gridbench",
                "helm/gridbench",
                "-n",
                RELEASE_NS,
                "--reuse-values",
                "--wait",
                "--timeout",
                "3m"));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    node.helm(Duration.ofMinutes(4), args.toArray(String[]::new)).orFail("helm upgrade");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                client
                        .pods()
                        .inNamespace(RELEASE_NS)
                        .withLabel("app.kubernetes.io/name", "gridbench")
                        .list()
                        .getItems()
                        .size()
                    == 1);
  }

  /** Waits for the sweep's Progressing condition to say a worker pod fits no node. */
  private BenchmarkSweep awaitUnschedulable(String name) {
    return await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> sweep(name),
            sw ->
                sw.getStatus() != null
                    && sw.getStatus().getConditions() != null
                    && sw.getStatus().getConditions().stream()
                        .anyMatch(c -> "WorkerUnschedulable".equals(c.getReason())));
  }

  private void create(String name, BenchmarkSweepSpec spec) {
    BenchmarkSweep sweep = new BenchmarkSweep();
    sweep.getMetadata().setName(name);
    sweep.getMetadata().setNamespace(NS);
    sweep.setSpec(spec);
    client.resources(BenchmarkSweep.class).inNamespace(NS).resource(sweep).create();
  }

  private static BenchmarkSweepSpec sweepSpec(Axis compute, Axis payload, StrategySpec... s) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(compute, payload));
    spec.setTasksPerCell(32);
    spec.setWarmup(1);
    spec.setOrder(Order.SEQUENTIAL);
    spec.setStrategies(List.of(s));
    return spec;
  }

  private static StrategySpec strategy(String name, StrategyType type) {
    StrategySpec s = new StrategySpec();
    s.setName(name);
    s.setType(type);
    return s;
  }

  private List<ConfigMap> resultsConfigMaps(String sweep, String strategy) {
    return client
        .configMaps()
        .inNamespace(NS)
        .withLabel(Labels.SWEEP, sweep)
        .withLabel(Labels.STRATEGY, strategy)
        .withLabel(Labels.COMPONENT, Labels.RESULTS)
        .list()
        .getItems();
  }

  private List<CellResult> recorded(String sweep, String strategy) throws Exception {
    List<CellResult> cells = new ArrayList<>();
    for (ConfigMap cm : resultsConfigMaps(sweep, strategy)) {
      cells.addAll(ResultsConfigMaps.decodeAll(cm.getMetadata().getName(), cm.getData()));
    }
    return cells;
  }

  /** Gone, or every container terminated: a pod that can write nothing more. */
  private static boolean stopped(Pod pod) {
    return pod == null
        || "Failed".equals(pod.getStatus().getPhase())
        || "Succeeded".equals(pod.getStatus().getPhase())
        || (pod.getStatus().getContainerStatuses() != null
            && pod.getStatus().getContainerStatuses().stream()
                .allMatch(c -> c.getState() != null && c.getState().getTerminated() != null));
  }

  private static Map<CellKey, CellResult> byKey(List<CellResult> cells) {
    Map<CellKey, CellResult> byKey = new HashMap<>();
    cells.forEach(c -> byKey.put(c.key(), c));
    return byKey;
  }

  private List<Pod> workerPods(String job) {
    return client.pods().inNamespace(NS).withLabel("job-name", job).list().getItems();
  }

  private Pod operatorPod() {
    return client
        .pods()
        .inNamespace(RELEASE_NS)
        .withLabel("app.kubernetes.io/name", "gridbench")
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .findFirst()
        .orElse(null);
  }

  private List<String> children(String sweep) {
    List<String> left = new ArrayList<>();
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withLabel(Labels.SWEEP, sweep)
        .list()
        .getItems()
        .forEach(j -> left.add("job/" + j.getMetadata().getName()));
    client
        .pods()
        .inNamespace(NS)
        .withLabel(Labels.SWEEP, sweep)
        .list()
        .getItems()
        .forEach(p -> left.add("pod/" + p.getMetadata().getName()));
    client
        .configMaps()
        .inNamespace(NS)
        .withLabel(Labels.SWEEP, sweep)
        .list()
        .getItems()
        .forEach(c -> left.add("configmap/" + c.getMetadata().getName()));
    return left;
  }
}
