package io.gridbench.operator.reconciler;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static io.gridbench.operator.testing.Sweeps.threads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.dependent.RayClusterTemplate;
import io.gridbench.operator.status.Reasons;
import io.gridbench.operator.testing.FakeKubeRay;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.TestApiServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RayCluster path against a real kube-apiserver with KubeRay's own RayCluster CRD (no KubeRay
 * controller runs: the test sets the cluster's status as KubeRay would, and plays the kubelet for
 * the Jobs). Each test gets its own namespace and an operator watching only it.
 */
class RayClusterIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private KubernetesClient client;
  private FakeKubelet kubelet;
  private String ns;
  private Operator operator;

  @TempDir Path dir;

  @BeforeEach
  void startOperator() {
    client = TestApiServer.client();
    TestApiServer.installRayClusterCrd(client);
    kubelet = new FakeKubelet(client);
    ns = "ray-" + NAMESPACES.incrementAndGet() + "-" + ProcessHandle.current().pid();
    TestApiServer.createNamespace(client, ns);
    OperatorSettings settings =
        OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns));
    operator = GridbenchOperator.create(settings, Clock.systemUTC(), client);
    operator.start();
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.stop();
    }
    if (client != null) {
      TestApiServer.installRayClusterCrd(client);
      client.close();
    }
  }

  @Test
  void theRayClusterTheOperatorWritesIsAcceptedByKubeRaysSchemaAndOwnedByTheSweep() {
    BenchmarkSweep s = sweep("schema", ns, ray("r"));
    RaySpec spec = new RaySpec();
    spec.setWorkers(2);
    spec.setCpu("2");
    spec.setMemory("3Gi");
    s.getSpec().setRay(spec);
    BenchmarkSweep created = client.resource(s).create();

    GenericKubernetesResource stored =
        await().atMost(WAIT).until(() -> cluster("schema").get(), c -> c != null);

    GenericKubernetesResource desired =
        new RayClusterTemplate(OperatorSettings.from(Map.of()))
            .rayCluster("schema", ns, created.getSpec());
    // Structural schemas prune what they do not know: every field we wrote must have survived.
    assertSubset(
        "spec",
        Serialization.jsonMapper()
            .convertValue(desired.getAdditionalProperties().get("spec"), Map.class),
        stored.getAdditionalProperties().get("spec"));
    assertThat(stored.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()))
        .satisfies(o -> assertThat(o.getController()).isTrue());
    BenchmarkSweepStatus status =
        awaitStatus("schema", st -> hasCondition(st, Reasons.WAITING_FOR_RAY_CLUSTER));
    assertThat(status.getStrategies().get(0).getPhase()).isEqualTo(StrategyPhase.Pending);
    assertThat(job("schema-r")).as("no driver before the cluster is ready").isNull();
  }

  @Test
  void aReadyClusterGetsTheSubmitJobAndIsDeletedWhenTheRayStrategiesFinish() throws Exception {
    client.resource(sweep("ready", ns, single("a"), ray("r"))).create();
    kubelet.run(awaitJob("ready-a"));
    awaitStatus("ready", st -> st.getStrategies().get(0).getPhase() == StrategyPhase.Succeeded);
    assertThat(cluster("ready").get()).isNotNull();
    assertThat(job("ready-r")).as("the Ray strategy waits for its cluster").isNull();

    // Newer KubeRay: conditions, no state.
    setClusterStatus("ready", FakeKubeRay.readyStatus());
    Job submit = awaitJob("ready-r");

    Map<String, String> env = env(submit);
    assertThat(env).containsEntry("RAY_DASHBOARD", "http://ready-ray-head-svc:8265");
    assertThat(env.get("SUBMISSION_ID")).startsWith("gridbench-ready-r-");
    assertThat(env.get("DRIVER")).contains("--ray-address 127.0.0.1:6379");
    assertThat(submit.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
        .isFalse();
    assertThat(
            condition(
                    awaitStatus("ready", st -> hasCondition(st, Reasons.RAY_CLUSTER_READY)),
                    Reasons.RAY_CLUSTER)
                .getStatus())
        .isEqualTo("True");

    kubelet.complete(submit);

    await().atMost(WAIT).until(() -> cluster("ready").get() == null);
    BenchmarkSweepStatus status = awaitStatus("ready", st -> st.getPhase() == SweepPhase.Succeeded);
    assertThat(condition(status, Reasons.RAY_CLUSTER).getReason())
        .isEqualTo(Reasons.RAY_CLUSTER_DELETED);
  }

  @Test
  void theSubmitJobsCommandSubmitsOnceWhenItsPodIsRetried() throws Exception {
    client.resource(sweep("twice", ns, ray("r"))).create();
    await().atMost(WAIT).until(() -> cluster("twice").get(), c -> c != null);
    setClusterStatus("twice", Map.of("state", "ready"));
    Job submit = awaitJob("twice-r");

    Path state = Files.createDirectories(dir.resolve("state"));
    assertThat(runSubmitPod(submit, state)).isZero();
    assertThat(runSubmitPod(submit, state)).as("the retried pod").isZero();

    assertThat(Files.readAllLines(state.resolve("submissions")))
        .singleElement()
        .asString()
        .startsWith(env(submit).get("SUBMISSION_ID") + " gridbench worker --plan");
  }

  @Test
  void keepClusterKeepsTheClusterAfterTheRayStrategiesFinish() {
    BenchmarkSweep s = sweep("kept", ns, ray("r"));
    RaySpec spec = new RaySpec();
    spec.setKeepCluster(true);
    s.getSpec().setRay(spec);
    client.resource(s).create();
    await().atMost(WAIT).until(() -> cluster("kept").get(), c -> c != null);
    setClusterStatus("kept", Map.of("state", "ready"));
    kubelet.complete(awaitJob("kept-r"));

    BenchmarkSweepStatus status = awaitStatus("kept", st -> st.getPhase() == SweepPhase.Succeeded);

    assertThat(condition(status, Reasons.RAY_CLUSTER).getReason())
        .isEqualTo(Reasons.RAY_CLUSTER_KEPT);
    assertThat(cluster("kept").get()).isNotNull();
  }

  @Test
  void aClusterNotReadyInTimeFailsTheRayStrategiesAndTheOthersStillRun() throws Exception {
    BenchmarkSweep s = sweep("late", ns, ray("r"), single("b"));
    RaySpec spec = new RaySpec();
    spec.setReadinessTimeoutSeconds(1);
    s.getSpec().setRay(spec);
    client.resource(s).create();
    await().atMost(WAIT).until(() -> cluster("late").get(), c -> c != null);
    setClusterStatus("late", Map.of("state", "unhealthy", "reason", "HeadPodPending"));

    BenchmarkSweepStatus failed =
        awaitStatus("late", st -> st.getStrategies().get(0).getPhase() == StrategyPhase.Failed);
    StrategyStatus r = failed.getStrategies().get(0);
    assertThat(r.getReason()).isEqualTo(Reasons.RAY_CLUSTER_NOT_READY);
    assertThat(r.getMessage())
        .contains("RayCluster late-ray was not ready within 1s")
        .contains("state unhealthy, reason HeadPodPending");
    await().atMost(WAIT).until(() -> cluster("late").get() == null);

    kubelet.run(awaitJob("late-b"));

    BenchmarkSweepStatus status =
        awaitStatus("late", st -> st.getPhase() == SweepPhase.PartiallySucceeded);
    assertThat(condition(status, Reasons.RAY_CLUSTER).getReason())
        .isEqualTo(Reasons.RAY_CLUSTER_NOT_READY);
    assertThat(job("late-r")).isNull();
    // The failure sticks: the cluster is not created again.
    Thread.sleep(6_000);
    assertThat(cluster("late").get()).isNull();
  }

  @Test
  void withoutKubeRayTheRayStrategiesFailNamingItsChartAndTheOthersStillRun() throws Exception {
    TestApiServer.removeRayClusterCrd(client);
    client.resource(sweep("nokuberay", ns, ray("r"), single("b"))).create();

    kubelet.run(awaitJob("nokuberay-b"));

    BenchmarkSweepStatus status =
        awaitStatus("nokuberay", st -> st.getPhase() == SweepPhase.PartiallySucceeded);
    StrategyStatus r = status.getStrategies().get(0);
    assertThat(r.getPhase()).isEqualTo(StrategyPhase.Failed);
    assertThat(r.getReason()).isEqualTo(Reasons.KUBERAY_NOT_INSTALLED);
    assertThat(condition(status, Reasons.RAY_CLUSTER))
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.KUBERAY_NOT_INSTALLED))
        .satisfies(
            c ->
                assertThat(c.getMessage())
                    .contains("helm install kuberay-operator kuberay/kuberay-operator"));
    assertThat(job("nokuberay-r")).isNull();
  }

  @Test
  void theWorkersAxisSizesTheRayClusterAndTheLocalJobs() throws Exception {
    BenchmarkSweep s =
        sweep("axis", ns, threads("t"), new StrategySpec("rp", StrategyType.RayPool));
    s.getSpec().setWorkers(null);
    s.getSpec().getGrid().setCompute(Axis.of(0));
    s.getSpec().getGrid().setWorkers(Axis.of(1, 2, 4));
    client.resource(s).create();

    // The local strategy's Job: a CPU per worker of its largest pool, requests = limits.
    Job local = awaitJob("axis-t");
    var resources = local.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests().get("cpu")).isEqualTo(new Quantity("4"));
    assertThat(resources.getLimits()).isEqualTo(resources.getRequests());
    kubelet.run(local);

    GenericKubernetesResource stored =
        await().atMost(WAIT).until(() -> cluster("axis").get(), c -> c != null);
    @SuppressWarnings("unchecked")
    Map<String, Object> workers =
        ((List<Map<String, Object>>)
                ((Map<String, Object>) stored.getAdditionalProperties().get("spec"))
                    .get("workerGroupSpecs"))
            .get(0);
    // 4 workers at the default 1 CPU per Ray node: the head and 3 worker pods.
    assertThat(workers).containsEntry("replicas", 3).containsEntry("maxReplicas", 3);
  }

  /**
   * {@code examples/scaling.yaml} itself, applied as kubectl would: every Job and the RayCluster
   * sized for the largest pool of the workers axis, a local Job no node can take shown with the
   * axis to blame, and the local strategies' cells measured in-process laid out as workers (rows)
   * by tasks per cell (columns).
   */
  @Test
  void theScalingExampleIsSizedForItsLargestPoolsAndReportsWorkersByTasks() throws Exception {
    GenericKubernetesResource example =
        Serialization.unmarshal(
            Files.readString(Path.of("..", "examples", "scaling.yaml")),
            GenericKubernetesResource.class);
    example.getMetadata().setNamespace(ns);
    client
        .genericKubernetesResources(BenchmarkSweep.API_VERSION, BenchmarkSweep.KIND)
        .inNamespace(ns)
        .resource(example)
        .create();

    BenchmarkSweepStatus accepted =
        awaitStatus("scaling", st -> st.getConditions() != null && !st.getConditions().isEmpty());
    assertThat(condition(accepted, Reasons.SPEC_APPLIED))
        .satisfies(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True"));

    // Local Jobs: a CPU per worker of the largest pool (8), requests = limits (Guaranteed).
    Job threads = awaitJob("scaling-thread-pool");
    assertThat(cpu(threads).getRequests()).containsEntry("cpu", new Quantity("8"));
    assertThat(cpu(threads).getLimits()).isEqualTo(cpu(threads).getRequests());
    // Ray: 8 workers at 1 Ray CPU per node, so the head and 7 worker pods.
    assertThat(
            rayWorkerGroup(
                await().atMost(WAIT).until(() -> cluster("scaling").get(), c -> c != null)))
        .containsEntry("replicas", 7)
        .containsEntry("minReplicas", 7)
        .containsEntry("maxReplicas", 7);

    // A node of 2 CPUs cannot take the 8-CPU pod: the scheduler says so on the pod, and the sweep
    // says so in Progressing, naming the axis, instead of waiting silently.
    String pending =
        kubelet.leaveUnschedulable(threads, "0/1 nodes are available: 1 Insufficient cpu.");
    BenchmarkSweepStatus waiting =
        awaitStatus("scaling", st -> hasCondition(st, Reasons.WORKER_UNSCHEDULABLE));
    assertThat(condition(waiting, Reasons.PROGRESSING))
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"))
        .satisfies(
            c ->
                assertThat(c.getMessage())
                    .contains("thread-pool: the worker pod cannot be scheduled: 0/1 nodes")
                    .contains("On spec.grid.workers a local strategy's Job asks one CPU per"));
    assertThat(waiting.getPhase()).isEqualTo(SweepPhase.Running);
    client.pods().inNamespace(ns).withName(pending).withGracePeriod(0).delete();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName(pending).get() == null);

    // A bigger node took it: the strategy runs (in-process), sized 1, 2, 4, 8 between cells.
    kubelet.run(threads);
    BenchmarkSweepStatus measured =
        awaitStatus(
            "scaling", st -> st.getStrategies().get(0).getPhase() == StrategyPhase.Succeeded);
    assertThat(measured.getSummary().getRows()).isEqualTo("workers");
    assertThat(measured.getSummary().getColumns()).isEqualTo("tasksPerCell");
    assertThat(measured.getSummary().getWorkers()).containsExactly(1L, 2L, 4L, 8L);
    assertThat(measured.getSummary().getTasksPerCell()).containsExactly(64L, 256L, 1024L, 4096L);
    assertThat(measured.getSummary().getCompute()).containsExactly(20000L);
    assertThat(measured.getStrategies().get(0).getMedianSeconds())
        .hasSize(4)
        .allSatisfy(row -> assertThat(row).hasSize(4).allMatch(median -> median > 0));
    assertThat(measured.getProgress()).isEqualTo("16/64");

    Job processes = awaitJob("scaling-process-pool");
    assertThat(cpu(processes).getRequests()).containsEntry("cpu", new Quantity("8"));
    kubelet.complete(processes);

    // The Ray strategies' submit Jobs keep a small fixed size: their drivers run on the head.
    setClusterStatus("scaling", Map.of("state", "ready"));
    for (String ray : List.of("scaling-ray-pool", "scaling-ray-actors")) {
      Job submit = awaitJob(ray);
      assertThat(cpu(submit).getRequests())
          .containsEntry("cpu", new Quantity("100m"))
          .containsEntry("memory", new Quantity("256Mi"));
      assertThat(cpu(submit).getLimits()).containsOnlyKeys("memory");
      kubelet.complete(submit);
    }
    await().atMost(WAIT).until(() -> cluster("scaling").get() == null);
  }

  @Test
  void aWorkersAxisBeyondMaxWorkersIsRefusedWithACondition() {
    BenchmarkSweep s = sweep("toobig", ns, new StrategySpec("rp", StrategyType.RayPool));
    s.getSpec().setWorkers(null);
    s.getSpec().getGrid().setCompute(Axis.of(0));
    s.getSpec().getGrid().setWorkers(Axis.of(1, 32));
    client.resource(s).create();

    BenchmarkSweepStatus status = awaitStatus("toobig", st -> st.getPhase() == SweepPhase.Failed);
    assertThat(condition(status, Reasons.SPEC_APPLIED))
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.INVALID_SPEC))
        .satisfies(
            c ->
                assertThat(c.getMessage())
                    .contains(
                        "spec.grid.workers: the largest Ray pool, 32 workers at 1 Ray CPU per"
                            + " node (spec.ray.cpu rounded up, as KubeRay starts the nodes),"
                            + " needs 31 Ray worker pods besides the head;"
                            + " spec.ray.maxWorkers allows 0 to 8."));
    assertThat(cluster("toobig").get()).isNull();
  }

  // --- helpers

  private static ResourceRequirements cpu(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rayWorkerGroup(GenericKubernetesResource cluster) {
    return ((List<Map<String, Object>>)
            ((Map<String, Object>) cluster.getAdditionalProperties().get("spec"))
                .get("workerGroupSpecs"))
        .get(0);
  }

  private static StrategySpec ray(String name) {
    return new StrategySpec(name, StrategyType.RayTasks);
  }

  private Resource<GenericKubernetesResource> cluster(String sweep) {
    return client
        .genericKubernetesResources(RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND)
        .inNamespace(ns)
        .withName(ChildNames.rayCluster(sweep));
  }

  /** Sets the RayCluster's status as KubeRay would, through the status subresource. */
  private void setClusterStatus(String sweep, Map<String, Object> status) {
    FakeKubeRay.setStatus(client, cluster(sweep).get(), status);
  }

  /**
   * Runs the submit Job's container command as its pod would, with a fake {@code ray} on PATH that
   * keeps submissions in {@code state}; returns the exit status.
   */
  private int runSubmitPod(Job job, Path state) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path fake = bin.resolve("ray");
    if (!Files.exists(fake)) {
      try (InputStream in =
          getClass().getResourceAsStream("/io/gridbench/operator/dependent/fake-ray")) {
        Files.write(fake, in.readAllBytes());
      }
      Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    ProcessBuilder pb = new ProcessBuilder(container.getCommand()).redirectErrorStream(true);
    pb.environment().putAll(env(job));
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().put("FAKE_RAY_STATE", state.toString());
    pb.environment().put("TERMINATION_LOG", dir.resolve("termination-log").toString());
    pb.environment().put("TMPDIR", dir.toString());
    pb.environment().put("POLL_SECONDS", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(out).isTrue();
    return p.exitValue();
  }

  private static Map<String, String> env(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @SuppressWarnings("unchecked")
  private static void assertSubset(String path, Object desired, Object stored) {
    if (desired instanceof Map<?, ?> d) {
      assertThat(stored).as(path).isInstanceOf(Map.class);
      Map<String, Object> s = (Map<String, Object>) stored;
      for (Map.Entry<?, ?> e : d.entrySet()) {
        assertThat(s).as(path).containsKey((String) e.getKey());
        assertSubset(path + "." + e.getKey(), e.getValue(), s.get(e.getKey()));
      }
    } else if (desired instanceof List<?> d) {
      assertThat(stored).as(path).isInstanceOf(List.class);
      List<Object> s = (List<Object>) stored;
      assertThat(s).as(path).hasSameSizeAs(d);
      for (int i = 0; i < d.size(); i++) {
        assertSubset(path + "[" + i + "]", d.get(i), s.get(i));
      }
    } else {
      assertThat(String.valueOf(stored)).as(path).isEqualTo(String.valueOf(desired));
    }
  }

  private Job job(String name) {
    return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
  }

  private Job awaitJob(String name) {
    return await().atMost(WAIT).until(() -> job(name), j -> j != null);
  }

  private static boolean hasCondition(BenchmarkSweepStatus status, String reason) {
    return status.getConditions() != null
        && status.getConditions().stream().anyMatch(c -> reason.equals(c.getReason()));
  }

  private BenchmarkSweepStatus awaitStatus(String name, Predicate<BenchmarkSweepStatus> done) {
    try {
      return await()
          .atMost(WAIT)
          .until(
              () ->
                  Optional.ofNullable(
                          client
                              .resources(BenchmarkSweep.class)
                              .inNamespace(ns)
                              .withName(name)
                              .get())
                      .map(BenchmarkSweep::getStatus)
                      .orElse(null),
              s -> s != null && done.test(s));
    } catch (ConditionTimeoutException e) {
      BenchmarkSweep last =
          client.resources(BenchmarkSweep.class).inNamespace(ns).withName(name).get();
      throw new AssertionError(
          "sweep "
              + name
              + " did not reach the expected status; last seen:\n"
              + Serialization.asYaml(last == null ? null : last.getStatus()),
          e);
    }
  }

  private static Condition condition(BenchmarkSweepStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no condition " + type + " in " + status.getConditions()));
  }
}
