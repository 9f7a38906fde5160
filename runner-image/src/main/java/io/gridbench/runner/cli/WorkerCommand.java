package io.gridbench.runner.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.worker.WorkerEnvironment;
import io.gridbench.api.worker.WorkerFailure;
import io.gridbench.api.worker.WorkerFailureReason;
import io.gridbench.runner.raycluster.RayDriverJvm;
import io.gridbench.runner.raycluster.RayInstallation;
import io.gridbench.runner.raycluster.RayUnavailableException;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.ray.RayAddress;
import io.gridbench.runner.strategy.ray.RaySession;
import io.gridbench.runner.worker.ConfigMapResultsStore;
import io.gridbench.runner.worker.PlanFiles;
import io.gridbench.runner.worker.Worker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gridbench worker}: what a sweep's Job runs. Measures one strategy of the mounted plan and
 * writes each cell into the strategy's results ConfigMap; exits non-zero when the strategy fails,
 * leaving the reason in the termination log for the operator to read from the pod.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = "Runs one strategy of a sweep plan inside a Kubernetes Job.")
final class WorkerCommand implements Callable<Integer> {

  /** Exit status when the results cannot be written to the API server. */
  static final int EXIT_RESULTS_UNWRITABLE = 3;

  @ParentCommand GridbenchCommand parent;

  @Spec CommandSpec spec;

  /** The environment Ray is looked for in. */
  Map<String, String> env = System.getenv();

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      defaultValue = "${env:GRIDBENCH_PLAN:-/etc/gridbench/plan.json}",
      description = "The sweep plan (default: $GRIDBENCH_PLAN or ${DEFAULT-VALUE}).")
  Path planFile;

  @Option(
      names = "--strategy",
      paramLabel = "NAME",
      defaultValue = "${env:GRIDBENCH_STRATEGY}",
      description = "The strategy of the plan to run (default: $GRIDBENCH_STRATEGY).")
  String strategy;

  @Option(
      names = "--termination-log",
      paramLabel = "FILE",
      defaultValue = "/dev/termination-log",
      description = "Where the reason of a failure goes for the pod status (${DEFAULT-VALUE}).")
  Path terminationLog;

  @Option(
      names = "--ray-address",
      paramLabel = "HOST:PORT",
      description =
          "GCS of the Ray cluster this JVM runs on, for a Ray strategy (CLUSTER mode). On"
              + " Kubernetes the operator submits the worker to the RayCluster's head with it.")
  String rayAddress;

  @Override
  public Integer call() {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      return run(client, parent.err);
    }
  }

  int run(KubernetesClient client, PrintStream err) {
    SweepPlan plan;
    Worker worker;
    if (strategy == null || strategy.isBlank()) {
      return fail(
          err,
          WorkerFailureReason.InvalidPlan,
          "no strategy given; pass --strategy or set GRIDBENCH_STRATEGY",
          GridbenchCommand.EXIT_BAD_INPUT);
    }
    Optional<RaySession> ray = Optional.empty();
    try {
      plan = PlanFiles.read(planFile);
      Optional<Integer> driven = runInRayDriver(plan, err);
      if (driven.isPresent()) {
        return driven.get();
      }
      ray = startRay(plan);
      worker =
          new Worker(
              plan,
              strategy,
              new ConfigMapResultsStore(client, plan, strategy),
              RayOptions.strategies(ray),
              line -> err.println("gridbench worker: " + line),
              MachineInfo.current().onNode(env.get(WorkerEnvironment.NODE_NAME)));
    } catch (PlanException e) {
      ray.ifPresent(RaySession::close);
      return fail(
          err, WorkerFailureReason.InvalidPlan, e.getMessage(), GridbenchCommand.EXIT_BAD_INPUT);
    } catch (StrategyException e) {
      return fail(
          err, WorkerFailureReason.RayUnavailable, e.getMessage(), GridbenchCommand.EXIT_BAD_INPUT);
    } catch (RayUnavailableException e) {
      return fail(
          err,
          WorkerFailureReason.RayUnavailable,
          "--ray-address: " + e.getMessage(),
          GridbenchCommand.EXIT_BAD_INPUT);
    }
    try {
      return measure(worker, err);
    } finally {
      ray.ifPresent(RaySession::close);
    }
  }

  /**
   * For a Ray strategy on the cluster at {@code --ray-address}, runs this command again in a driver
   * JVM on this node's Ray jars (the pod image's, found like any installation) and returns its exit
   * status; empty when this JVM is that driver, or no cluster is wanted.
   */
  private Optional<Integer> runInRayDriver(SweepPlan plan, PrintStream err)
      throws StrategyException, RayUnavailableException {
    if (rayAddress == null || !isRay(plan) || RayDriverJvm.addressIfDriver(env).isPresent()) {
      return Optional.empty();
    }
    RayAddress gcs;
    try {
      gcs = RayAddress.parse(rayAddress);
      gcs.probe(RayAddress.PROBE_TIMEOUT);
    } catch (StrategyException e) {
      throw new StrategyException("--ray-address: " + e.getMessage(), e);
    }
    RayInstallation ray = RayInstallation.find(Optional.empty(), env);
    return Optional.of(
        RayDriverJvm.run(
            ray, gcs, spec.commandLine().getParseResult().originalArgs(), parent.out, err));
  }

  private boolean isRay(SweepPlan plan) {
    return plan.strategy(strategy)
        .map(s -> s.getType() != null && s.getType().isRay())
        .orElse(false);
  }

  /**
   * Connects to the Ray cluster at {@code --ray-address} when the strategy is a Ray type; without
   * an address a Ray strategy fails in the runner, saying it needs Ray.
   */
  private Optional<RaySession> startRay(SweepPlan plan) throws StrategyException, PlanException {
    if (rayAddress == null) {
      return Optional.empty();
    }
    if (!isRay(plan)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RaySession.connect(RayAddress.parse(rayAddress)));
    } catch (StrategyException e) {
      throw new StrategyException("--ray-address: " + e.getMessage(), e);
    }
  }

  private int measure(Worker worker, PrintStream err) {
    try {
      StrategyResult result = worker.run();
      if (result.outcome() == StrategyResult.Outcome.Failed) {
        return fail(
            err,
            WorkerFailureReason.MeasurementFailed,
            result.error(),
            GridbenchCommand.EXIT_STRATEGY_FAILED);
      }
      err.println(
          "gridbench worker: strategy "
              + strategy
              + " measured "
              + result.cells().size()
              + " cells");
      return 0;
    } catch (PlanException e) {
      return fail(
          err, WorkerFailureReason.ResultsUnusable, e.getMessage(), EXIT_RESULTS_UNWRITABLE);
    } catch (KubernetesClientException e) {
      String why =
          e.getCode() > 0
              ? "the API server refused the results (HTTP "
                  + e.getCode()
                  + (e.getStatus() == null ? "" : ": " + e.getStatus().getMessage())
                  + ")"
              : "the API server could not be reached (" + e.getMessage() + ")";
      return fail(err, WorkerFailureReason.ResultsNotWritten, why, EXIT_RESULTS_UNWRITABLE);
    }
  }

  /**
   * Reports a failure on stderr and in the termination log as {@code Reason: message}; the operator
   * shows both in the strategy's status.
   */
  private int fail(PrintStream err, WorkerFailureReason reason, String message, int exit) {
    String line = new WorkerFailure(reason, message).line();
    err.println("gridbench worker: " + line);
    try {
      if (terminationLog != null && Files.isWritable(terminationLog)) {
        Files.writeString(terminationLog, line);
      }
    } catch (IOException e) {
      err.println("gridbench worker: cannot write " + terminationLog + ": " + e.getMessage());
    }
    return exit;
  }
}
