package io.gridbench.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.Checksums;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.dependent.RayClusterTemplate;
import io.gridbench.operator.dependent.RaySubmitJob;
import io.gridbench.operator.e2e.KubeNode.Run;
import io.gridbench.operator.status.Reasons;
import io.gridbench.operator.testing.SweepAwaits;
import io.gridbench.runner.workload.CellWork;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Ray path for real: the chart's operator, the real KubeRay operator beside the node, the Ray
 * image the build made. {@code kubectl apply} of a sweep with every Ray strategy gives a RayCluster
 * whose head and worker pods KubeRay starts; each strategy's Job submits its Java driver to the
 * head's Jobs API with {@code ray job submit}; the sweep ends Succeeded with the kernel's reference
 * checksums and the RayCluster is deleted (kept with {@code keepCluster}). Then the faults: a
 * submit pod deleted mid-driver ends at once on SIGTERM and the Job's next pod follows the running
 * driver (one driver on the real job server), and a head pod deleted mid-strategy makes the
 * strategy resubmit on the new head and resume from its recorded cells.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RayOnRealNodeE2E {
  private static final String NS = "default";
  private static final String SWEEP = "ray-small";
  private static final String FAULTS = "ray-faults";
  private static final Duration SWEEP_WAIT = Duration.ofMinutes(15);
  private static final Duration COMMAND = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private KubeNode node;
  private KubeRayOperator kuberay;
  private KubernetesClient client;

  @RegisterExtension
  final AfterTestExecutionCallback diagnoseFailures =
      context -> {
        if (context.getExecutionException().isPresent() && node != null) {
          node.dumpDiagnostics("ray-" + context.getRequiredTestMethod().getName());
          if (kuberay != null && Files.isReadable(kuberay.log())) {
            List<String> lines = Files.readAllLines(kuberay.log());
            System.out.println(
                "---- kuberay-operator.log (last 60 lines)\n"
                    + String.join(
                        "\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
          }
        }
      };

  @BeforeAll
  void startTheNodeAndKubeRay() throws Exception {
    node = KubeNode.up(List.of(KubeNode.RAY_IMAGE, KubeNode.RUNNER_IMAGE, KubeNode.OPERATOR_IMAGE));
    client = node.client();
    kuberay = KubeRayOperator.start(node);
  }

  @AfterAll
  void stopKubeRayAndTheNode() throws Exception {
    if (kuberay != null) {
      kuberay.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void theReadmesRayCommandsRunEveryRayStrategyToSucceededOnAKubeRayClusterThenDeleteIt()
      throws Exception {
    List<Run> runs =
        node.runReadmeBlock(
            "<!-- e2e-ray:",
            SWEEP,
            SWEEP_WAIT.plusMinutes(1),
            // While the sweep runs: KubeRay made the head and worker pods from our RayCluster.
            () -> assertTheRayClusterBecomesReadyWithLockedDownPods(SWEEP));
    assertThat(runs.get(runs.size() - 2).stdout().strip()).isEqualTo("Succeeded");

    BenchmarkSweep sweep = sweep(SWEEP);
    assertThat(sweep.getStatus().getPhase()).isEqualTo(SweepPhase.Succeeded);
    assertThat(sweep.getSpec().getStrategies())
        .extracting(StrategySpec::getType)
        .contains(
            StrategyType.RayPool,
            StrategyType.RayActors,
            StrategyType.RayTasks,
            // The seed's Python strategies (issue 18): Python's Ray pool and actors on the same
            // RayCluster, multiprocessing.Pool and a plain loop in a worker Job of the Ray image.
            StrategyType.PythonRayPool,
            StrategyType.PythonRayActors,
            StrategyType.PythonSingleThread,
            StrategyType.PythonPool);
    assertThat(sweep.getSpec().getStrategies()).anyMatch(StrategySpec::rebuildsPerCell);
    for (StrategySpec strategy : sweep.getSpec().getStrategies()) {
      assertChecksums(sweep, strategy.getName());
      List<Pod> pods = submitPods(SWEEP, strategy.getName());
      assertThat(pods).as("pods of %s", strategy.getName()).hasSize(1);
      if (strategy.getType().isRay()) {
        // One submit pod, which submitted once and saw the real job server report success.
        String log = client.pods().inNamespace(NS).withName(name(pods.get(0))).getLog();
        String id = RaySubmitJob.submissionId(SweepPlan.of(sweep), strategy.getName());
        assertThat(log).contains("submitting job " + id).contains("Job '" + id + "' succeeded");
      } else {
        // A local Python strategy: its worker ran python3 in the Ray image, locked down as every
        // worker (non-root, read-only root filesystem; /tmp and /dev/shm are emptyDirs).
        assertLockedDownRayImage(pods.get(0));
        assertThat(pods.get(0).getStatus().getPhase()).isEqualTo("Succeeded");
      }
    }
    printMedians(sweep);

    // Provenance (issue 15): every worker recorded the node it ran on, the Ray strategies' drivers
    // on the head included; the test cluster has one node, so the strategies ran on one machine.
    String node = client.nodes().list().getItems().get(0).getMetadata().getName();
    assertThat(sweep.getStatus().getStrategies())
        .allSatisfy(
            s -> {
              assertThat(s.getNode()).as("node of %s", s.getName()).isEqualTo(node);
              assertThat(s.getCpuModel()).as("CPU of %s", s.getName()).isNotBlank();
            });
    assertThat(sweep.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(Reasons.MIXED_MACHINES);
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo(Reasons.SAME_MACHINE);
            });

    // The Ray strategies are done: the operator deleted the RayCluster, the GC its pods.
    await()
        .atMost(Duration.ofMinutes(3))
        .untilAsserted(
            () -> {
              assertThat(rayCluster(SWEEP)).as("RayCluster of %s", SWEEP).isNull();
              assertThat(rayPods(SWEEP)).as("Ray pods of %s", SWEEP).isEmpty();
            });
    assertThat(sweep(SWEEP).getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("RayCluster");
              assertThat(c.getReason()).isEqualTo("RayClusterDeleted");
            });
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void aRetriedSubmitPodFollowsItsDriverAndAHeadLostMidStrategyResubmitsAndResumes()
      throws Exception {
    long started = System.nanoTime();
    BenchmarkSweep faults =
        Serialization.unmarshal(
            Files.readString(KubeNode.REPO.resolve("examples/ray-small.yaml")),
            BenchmarkSweep.class);
    faults.getMetadata().setName(FAULTS);
    faults.getMetadata().setNamespace(NS);
    BenchmarkSweepSpec spec = faults.getSpec();
    spec.getRay().setKeepCluster(true);
    // Rebuilt pools: the longest Ray strategies (new actors for every repetition), so a fault lands
    // mid-strategy.
    spec.setStrategies(List.of(rebuiltPool("retried-submit"), rebuiltPool("head-lost")));
    // Six repetitions: each cell rebuilds the pool six times, so the faults land well before a
    // strategy's last cell even on a quiet machine.
    spec.setRepetitions(new IntOrString(6));
    client.resources(BenchmarkSweep.class).inNamespace(NS).resource(faults).create();
    BenchmarkSweep created = sweep(FAULTS);
    SweepPlan plan = SweepPlan.of(created);

    // 1. The submit pod deleted while its driver runs (kubectl delete pod: SIGTERM, then its grace
    //    period): the pod ends at once and the Job's next pod finds the submission id on the job
    //    server and follows it instead of starting a second driver.
    awaitFirstRecordedCell(FAULTS, "retried-submit");
    Pod first =
        submitPods(FAULTS, "retried-submit").stream()
            .filter(p -> "Running".equals(p.getStatus().getPhase()))
            .findFirst()
            .orElseThrow();
    long grace = first.getSpec().getTerminationGracePeriodSeconds();
    long deleted = System.nanoTime();
    client.pods().inNamespace(NS).withName(name(first)).delete();
    // A script that ignored SIGTERM (PID 1 spares it unless trapped) would live out the grace.
    // Ended = the pod Failed or gone: the 1.20 kubelet removes the object itself later (run 3 of
    // session 4: Failed at once, still listed 25 s after).
    await()
        .atMost(Duration.ofSeconds(grace - 5))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> ended(client.pods().inNamespace(NS).withName(name(first)).get()));
    System.out.printf(
        "E2E: submit pod %s ended %.1f s after its delete (grace period %d s)%n",
        name(first), (System.nanoTime() - deleted) / 1e9, grace);
    await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(3))
        .until(() -> strategyJobSucceeded(FAULTS, "retried-submit"));
    List<Pod> retried = submitPods(FAULTS, "retried-submit");
    Pod second =
        retried.stream().filter(p -> !name(p).equals(name(first))).findFirst().orElseThrow();
    String secondLog = client.pods().inNamespace(NS).withName(name(second)).getLog();
    String retriedId = RaySubmitJob.submissionId(plan, "retried-submit");
    assertThat(secondLog)
        .contains("job " + retriedId + " was submitted before; following it")
        .doesNotContain("submitting job");
    // On the real job server: one submission of that id, and one Java driver so far.
    JsonNode jobs = rayJobs(FAULTS);
    assertThat(count(jobs, j -> retriedId.equals(j.path("submission_id").asText())))
        .as("submissions of %s on the head: %s", retriedId, jobs)
        .isEqualTo(1);
    assertThat(count(jobs, j -> "DRIVER".equals(j.path("type").asText())))
        .as("drivers on the head: %s", jobs)
        .isEqualTo(1);

    // 2. The head pod deleted mid-strategy: the driver dies with it; the submit pod sees the new
    //    head forget the job and fails RayJobLost; the Job's retry submits again (same id) and the
    //    new driver resumes from the cells already recorded.
    awaitFirstRecordedCell(FAULTS, "head-lost");
    Pod head = rayPods(FAULTS).stream().filter(RayOnRealNodeE2E::isHead).findFirst().orElseThrow();
    // At once, as a lost node would: a head given its grace period keeps running the driver
    // through it (and here finished the strategy before it stopped).
    client.pods().inNamespace(NS).withName(name(head)).withGracePeriod(0).delete();

    BenchmarkSweep done = awaitTerminal(FAULTS);
    assertThat(done.getStatus().getPhase()).isEqualTo(SweepPhase.Succeeded);
    for (StrategySpec strategy : done.getSpec().getStrategies()) {
      assertChecksums(done, strategy.getName());
    }
    List<Pod> headLost = submitPods(FAULTS, "head-lost");
    assertThat(headLost).as("submit pods of head-lost").hasSizeGreaterThanOrEqualTo(2);
    assertThat(headLost)
        .anySatisfy(
            p ->
                assertThat(terminationMessage(p))
                    .as("termination message of %s", name(p))
                    .startsWith("RayJobLost: ")
                    .contains("restarted and lost job"));

    // keepCluster: the RayCluster stays after the Ray strategies; deleting the sweep removes it.
    assertThat(rayCluster(FAULTS)).as("the kept RayCluster").isNotNull();
    client.resources(BenchmarkSweep.class).inNamespace(NS).withName(FAULTS).delete();
    await()
        .atMost(Duration.ofMinutes(3))
        .untilAsserted(() -> assertThat(rayCluster(FAULTS)).isNull());
    System.out.printf(
        "E2E: the fault cases from create to the kept cluster's deletion in %.1f s%n",
        (System.nanoTime() - started) / 1e9);
  }

  // ---- steps
  // -------------------------------------------------------------------------------------

  private void assertTheRayClusterBecomesReadyWithLockedDownPods(String sweep) {
    await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              List<Pod> pods = rayPods(sweep);
              assertThat(pods).filteredOn(RayOnRealNodeE2E::isHead).hasSize(1);
              assertThat(pods).filteredOn(p -> !isHead(p)).hasSize(1);
              assertThat(pods).allMatch(Readiness::isPodReady);
            });
    for (Pod pod : rayPods(sweep)) {
      assertLockedDownRayImage(pod);
    }
  }

  private static void assertLockedDownRayImage(Pod pod) {
    var container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).as("image of %s", name(pod)).isEqualTo("gridbench/ray:0.1.0");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
  }

  /**
   * Until the driver has written the strategy's first cell to its results ConfigMap: the faults are
   * triggered by that, not by the submit pod's copy of the driver's log, which lags by cells
   * (measured here: the copy showed the first cell only as the strategy ended).
   */
  private void awaitFirstRecordedCell(String sweep, String strategy) {
    await()
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> !recorded(sweep, strategy).isEmpty());
  }

  private boolean strategyJobSucceeded(String sweep, String strategy) {
    var job =
        client.batch().v1().jobs().inNamespace(NS).withName(ChildNames.job(sweep, strategy)).get();
    return job != null
        && job.getStatus() != null
        && job.getStatus().getSucceeded() != null
        && job.getStatus().getSucceeded() >= 1;
  }

  /** The job server's list on the sweep's head ({@code GET /api/jobs/}, Ray's Jobs REST API). */
  private JsonNode rayJobs(String sweep) throws Exception {
    Pod head = rayPods(sweep).stream().filter(RayOnRealNodeE2E::isHead).findFirst().orElseThrow();
    String out =
        node.kubectl(
                COMMAND,
                "exec",
                "-n",
                NS,
                name(head),
                "--",
                "wget",
                "-qO-",
                "http://127.0.0.1:" + 8265 + "/api/jobs/")
            .orFail("list the Ray jobs on " + name(head));
    return JSON.readTree(out);
  }

  private static long count(JsonNode array, java.util.function.Predicate<JsonNode> p) {
    long n = 0;
    for (JsonNode j : array) {
      if (p.test(j)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Every cell of {@code strategy} recorded exactly once, its checksum the kernel's reference
   * computed here on the host, and the status's medians equal to what the driver recorded.
   */
  private void assertChecksums(BenchmarkSweep sweep, String strategy) throws Exception {
    BenchmarkSweepSpec spec = sweep.getSpec();
    List<Long> compute = spec.getGrid().getCompute().expand();
    List<Long> payload = spec.getGrid().getPayloadBytes().expand();
    List<CellResult> recorded = recorded(sweep.getMetadata().getName(), strategy);
    assertThat(recorded)
        .as("cells of %s, each once", strategy)
        .hasSize(compute.size() * payload.size());
    Map<CellKey, CellResult> cells = new HashMap<>();
    recorded.forEach(c -> cells.put(c.key(), c));
    StrategyStatus status =
        sweep.getStatus().getStrategies().stream()
            .filter(s -> s.getName().equals(strategy))
            .findFirst()
            .orElseThrow();
    assertThat(status.getPhase()).isEqualTo(StrategyPhase.Succeeded);
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
        assertThat(status.getMedianSeconds().get(i).get(j)).isEqualTo(cell.stats().median());
      }
    }
  }

  /** The medians in a form docs/ray.md takes: strategy, cell, seconds. */
  private void printMedians(BenchmarkSweep sweep) {
    List<Long> compute = sweep.getSpec().getGrid().getCompute().expand();
    List<Long> payload = sweep.getSpec().getGrid().getPayloadBytes().expand();
    for (StrategyStatus s : sweep.getStatus().getStrategies()) {
      for (int i = 0; i < compute.size(); i++) {
        for (int j = 0; j < payload.size(); j++) {
          System.out.printf(
              "E2E median %s compute=%d payloadBytes=%d %.6f s%n",
              s.getName(), compute.get(i), payload.get(j), s.getMedianSeconds().get(i).get(j));
        }
      }
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static StrategySpec rebuiltPool(String name) {
    StrategySpec s = new StrategySpec();
    s.setName(name);
    s.setType(StrategyType.RayPool);
    s.setRebuild(true);
    return s;
  }

  private BenchmarkSweep sweep(String name) {
    return client.resources(BenchmarkSweep.class).inNamespace(NS).withName(name).get();
  }

  private BenchmarkSweep awaitTerminal(String name) throws Exception {
    node.kubectl(
            SWEEP_WAIT.plusMinutes(1),
            "wait",
            "-n",
            NS,
            "--for=condition=Complete",
            "sweep/" + name,
            "--timeout=" + SWEEP_WAIT.toSeconds() + "s")
        .orFail("kubectl wait for sweep " + name);
    return sweep(name);
  }

  private GenericKubernetesResource rayCluster(String sweep) {
    return client
        .genericKubernetesResources(RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND)
        .inNamespace(NS)
        .withName(ChildNames.rayCluster(sweep))
        .get();
  }

  /** The head and worker pods KubeRay made for the sweep's RayCluster. */
  private List<Pod> rayPods(String sweep) {
    return client
        .pods()
        .inNamespace(NS)
        .withLabel("ray.io/cluster", ChildNames.rayCluster(sweep))
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static boolean isHead(Pod pod) {
    return "head".equals(pod.getMetadata().getLabels().get("ray.io/node-type"));
  }

  private List<Pod> submitPods(String sweep, String strategy) {
    return client
        .pods()
        .inNamespace(NS)
        .withLabel("job-name", ChildNames.job(sweep, strategy))
        .list()
        .getItems()
        .stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
        .toList();
  }

  private static boolean ended(Pod pod) {
    return pod == null
        || "Failed".equals(pod.getStatus().getPhase())
        || "Succeeded".equals(pod.getStatus().getPhase());
  }

  private static String terminationMessage(Pod pod) {
    List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
    if (statuses == null
        || statuses.isEmpty()
        || statuses.get(0).getState().getTerminated() == null) {
      return "";
    }
    String message = statuses.get(0).getState().getTerminated().getMessage();
    return message == null ? "" : message;
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }

  private List<CellResult> recorded(String sweep, String strategy) throws Exception {
    return new SweepAwaits(client, NS).recordedCells(sweep, strategy);
  }
}
