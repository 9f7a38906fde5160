package io.gridbench.operator.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.api.worker.WorkerEnvironment;
import io.gridbench.runner.strategy.StrategyFactory;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.worker.ConfigMapResultsStore;
import io.gridbench.runner.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;

/**
 * Plays the kubelet and the Job controller that a bare API server lacks: runs a Job's worker
 * in-process against the API server (reading the plan the Job would mount) and sets the Job's and
 * its pod's status as the cluster would.
 */
public final class FakeKubelet {
  private final KubernetesClient client;

  /** The workers' client, or null: then each worker acts as its pod's ServiceAccount. */
  private final KubernetesClient workerClient;

  /** A kubelet whose workers use {@code client}, which may do anything. */
  public FakeKubelet(KubernetesClient client) {
    this(client, client);
  }

  /** The node the pods run on: what the downward API gives a pod that asks for spec.nodeName. */
  private final String node;

  private FakeKubelet(KubernetesClient client, KubernetesClient workerClient, String node) {
    this.client = client;
    this.workerClient = workerClient;
    this.node = node;
  }

  private FakeKubelet(KubernetesClient client, KubernetesClient workerClient) {
    this(client, workerClient, "fake-node");
  }

  /** This kubelet as the one of node {@code nodeName}: its workers record that node. */
  public FakeKubelet onNode(String nodeName) {
    return new FakeKubelet(client, workerClient, nodeName);
  }

  /**
   * The machine the Job's worker records: this one, on this kubelet's node when the pod template
   * asks for its node through the downward API, as a real kubelet would resolve it.
   */
  private MachineInfo machineOf(Job job) {
    boolean asksForNode =
        job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .anyMatch(
                e ->
                    WorkerEnvironment.NODE_NAME.equals(e.getName())
                        && e.getValueFrom() != null
                        && e.getValueFrom().getFieldRef() != null
                        && "spec.nodeName".equals(e.getValueFrom().getFieldRef().getFieldPath()));
    return MachineInfo.current().onNode(asksForNode ? node : null);
  }

  /**
   * Creates {@code sweep}, runs each strategy's Job as the operator creates it, and returns the
   * sweep once it has Succeeded; a running operator is needed.
   */
  public BenchmarkSweep runToSucceeded(BenchmarkSweep sweep, Duration wait) throws PlanException {
    String ns = sweep.getMetadata().getNamespace();
    // With generateName the API server picks the name.
    String name = client.resource(sweep).create().getMetadata().getName();
    for (StrategySpec strategy : sweep.getSpec().getStrategies()) {
      String job = ChildNames.job(name, strategy.getName());
      run(
          Awaitility.await()
              .atMost(wait)
              .until(
                  () -> client.batch().v1().jobs().inNamespace(ns).withName(job).get(),
                  j -> j != null));
    }
    return Awaitility.await()
        .atMost(wait)
        .until(
            () -> client.resources(BenchmarkSweep.class).inNamespace(ns).withName(name).get(),
            s -> s.getStatus() != null && s.getStatus().getPhase() == SweepPhase.Succeeded);
  }

  /**
   * A kubelet whose workers act as their pod's ServiceAccount (impersonated), so the API server's
   * RBAC authorizer decides what they may do, as it does for a real pod's token.
   */
  public static FakeKubelet withPodAccounts(KubernetesClient client) {
    return new FakeKubelet(client, (KubernetesClient) null);
  }

  /** Runs the Job's worker with the local strategies; completes the Job when it succeeds. */
  public StrategyResult run(Job job) throws PlanException {
    return run(job, StrategyFactory.localOnly());
  }

  /** Runs the Job's worker with {@code strategies}; completes the Job when it succeeds. */
  public StrategyResult run(Job job, StrategyProvider strategies) throws PlanException {
    start(job);
    SweepPlan plan = planOf(job);
    String strategy = strategyOf(job);
    KubernetesClient worker =
        workerClient != null
            ? workerClient
            : TestApiServer.clientAs(
                job.getMetadata().getNamespace(),
                job.getSpec().getTemplate().getSpec().getServiceAccountName());
    try {
      StrategyResult result =
          new Worker(
                  plan,
                  strategy,
                  new ConfigMapResultsStore(worker, plan, strategy),
                  strategies,
                  line -> {},
                  machineOf(job))
              .run();
      if (result.outcome() == StrategyResult.Outcome.Succeeded) {
        complete(job);
      }
      return result;
    } finally {
      if (worker != workerClient) {
        worker.close();
      }
    }
  }

  /** Marks the Job started, as the Job controller does when its first pod runs. */
  public void start(Job job) {
    editStatus(
        job,
        j -> {
          if (j.getStatus() == null) {
            j.setStatus(new JobStatus());
          }
          j.getStatus().setActive(1);
          j.getStatus().setStartTime(now());
          return j;
        });
  }

  /** Completes the Job. */
  public void complete(Job job) {
    editStatus(
        job,
        j -> {
          j.getStatus().setActive(null);
          j.getStatus().setSucceeded(1);
          j.getStatus().setCompletionTime(now());
          j.getStatus()
              .setConditions(
                  List.of(
                      new JobConditionBuilder()
                          .withType("Complete")
                          .withStatus("True")
                          .withLastTransitionTime(now())
                          .build()));
          return j;
        });
  }

  /**
   * Fails the Job as an exhausted backoff limit does, after a pod whose worker exited with {@code
   * terminationMessage}.
   */
  public void fail(Job job, String terminationMessage) {
    start(job);
    Pod pod = createPod(job, "x1");
    editStatus(
        pod,
        p -> {
          p.getStatus().setPhase("Failed");
          p.getStatus()
              .setContainerStatuses(
                  List.of(
                      new ContainerStatusBuilder()
                          .withName("worker")
                          .withImage("img")
                          .withImageID("")
                          .withReady(false)
                          .withRestartCount(0)
                          .withNewState()
                          .withNewTerminated()
                          .withExitCode(1)
                          .withReason("Error")
                          .withMessage(terminationMessage)
                          .endTerminated()
                          .endState()
                          .build()));
          return p;
        });
    editStatus(
        job,
        j -> {
          j.getStatus().setActive(null);
          j.getStatus().setFailed(1);
          j.getStatus()
              .setConditions(
                  List.of(
                      new JobConditionBuilder()
                          .withType("Failed")
                          .withStatus("True")
                          .withReason("BackoffLimitExceeded")
                          .withMessage("Job has reached the specified backoff limit")
                          .withLastTransitionTime(now())
                          .build()));
          return j;
        });
  }

  /**
   * A pod of {@code job} as the scheduler leaves one that fits no node: Pending, PodScheduled
   * False, reason Unschedulable, with {@code message}. Returns its name.
   */
  public String leaveUnschedulable(Job job, String message) {
    Pod pod = createPod(job, "p1");
    editStatus(
        pod,
        p -> {
          p.getStatus().setPhase("Pending");
          p.getStatus()
              .setConditions(
                  List.of(
                      new PodConditionBuilder()
                          .withType("PodScheduled")
                          .withStatus("False")
                          .withReason("Unschedulable")
                          .withMessage(message)
                          .build()));
          return p;
        });
    return pod.getMetadata().getName();
  }

  private void editStatus(Job job, UnaryOperator<Job> edit) {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(job.getMetadata().getNamespace())
        .withName(job.getMetadata().getName())
        .editStatus(edit);
  }

  private void editStatus(Pod pod, UnaryOperator<Pod> edit) {
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .editStatus(edit);
  }

  /** A pod of {@code job}'s template, named {@code <job>-<suffix>}, as the Job controller makes. */
  private Pod createPod(Job job, String suffix) {
    return client
        .pods()
        .inNamespace(job.getMetadata().getNamespace())
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(job.getMetadata().getName() + "-" + suffix)
                .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build())
        .create();
  }

  /** The plan the Job mounts, read from the ConfigMap its volume names. */
  public SweepPlan planOf(Job job) throws PlanException {
    String configMap =
        job.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getConfigMap() != null)
            .findFirst()
            .orElseThrow()
            .getConfigMap()
            .getName();
    return SweepPlan.fromJson(
        client
            .configMaps()
            .inNamespace(job.getMetadata().getNamespace())
            .withName(configMap)
            .get()
            .getData()
            .get(ResultsConfigMaps.PLAN_KEY));
  }

  /** The strategy the Job's worker is told to run. */
  public static String strategyOf(Job job) {
    List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    return args.get(args.indexOf("--strategy") + 1);
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
