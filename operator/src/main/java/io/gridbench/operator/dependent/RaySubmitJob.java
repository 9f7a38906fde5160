package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.operator.OperatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Job of a Ray strategy: {@code ray-submit.sh} in the Ray nodes' image submits {@code gridbench
 * worker --ray-address ...} to the RayCluster's head through the Ray Jobs API under a stable
 * submission id, follows it and exits with its outcome. The driver runs on the head (Java has no
 * Ray Client), so this pod needs no API token and mounts nothing but {@code /tmp}. The driver
 * reserves no Ray CPU ({@code --entrypoint-num-cpus 0}): every CPU of the cluster is left to the
 * pool's actors.
 */
public final class RaySubmitJob {

  /** The submit script, a resource beside this class. */
  public static final String SCRIPT_RESOURCE = "ray-submit.sh";

  /** The head's GCS as the driver on the head sees it (KubeRay sets the same RAY_ADDRESS there). */
  static final String HEAD_GCS = "127.0.0.1:" + RayClusterTemplate.GCS_PORT;

  /**
   * The submit pod's CPU request: {@code ray job submit}, {@code status} and {@code logs} start a
   * Python CLI every few seconds and otherwise wait on the dashboard (measured: 0.3 s of CPU and 72
   * MiB resident per call). No CPU limit: a limit would throttle the CLI's start-up, and the pod
   * measures nothing, so Burstable is right here while the measuring pods stay Guaranteed.
   */
  static final String CPU_REQUEST = "100m";

  /** The submit pod's memory, request = limit: the CLI's 72 MiB with room for the log stream. */
  static final String MEMORY = "256Mi";

  private static final String SCRIPT = loadScript();

  private final OperatorSettings settings;
  private final RayClusterTemplate rayCluster;

  RaySubmitJob(OperatorSettings settings) {
    this.settings = settings;
    this.rayCluster = new RayClusterTemplate(settings);
  }

  /**
   * The submission id of {@code strategy}'s driver: stable across retries of the Job, and distinct
   * for a new sweep of the same name (the uid's first part), so a kept cluster never confuses two.
   */
  public static String submissionId(SweepPlan plan, String strategy) {
    String uid = plan.sweepUid() == null ? "" : plan.sweepUid();
    return "gridbench-"
        + ChildNames.job(plan.sweep(), strategy)
        + "-"
        + uid.substring(0, Math.min(8, uid.length()));
  }

  /** The command the Jobs API runs on the head: the worker, on the local raylet. */
  public static String driver(String strategy) {
    return String.join(
        " ",
        List.of(
            "gridbench",
            "worker",
            "--plan",
            JobTemplate.PLAN_DIR + "/" + ResultsConfigMaps.PLAN_KEY,
            "--strategy",
            strategy,
            "--ray-address",
            HEAD_GCS,
            // Not the head container's own termination log: the reason reaches this Job's pod
            // through the driver's log, which the script follows.
            "--termination-log",
            "/dev/null"));
  }

  /** The submit script's text. */
  public static String script() {
    return SCRIPT;
  }

  Job job(SweepPlan plan, StrategySpec strategy) {
    PodSpec pod =
        new PodSpecBuilder()
            // The submitter talks to the Ray dashboard only: no API token in this pod.
            .withAutomountServiceAccountToken(false)
            .withContainers(
                new ContainerBuilder()
                    .withName(JobTemplate.CONTAINER)
                    .withImage(rayCluster.image(plan.spec()))
                    .withImagePullPolicy("IfNotPresent")
                    .withCommand("/bin/sh", "-c", SCRIPT)
                    .addNewEnv()
                    .withName("RAY_DASHBOARD")
                    .withValue(RayClusterTemplate.dashboardAddress(plan.sweep()))
                    .endEnv()
                    .addNewEnv()
                    // Its cluster IP, where the cluster has no DNS (the script reads the variable).
                    .withName("RAY_HEAD_SERVICE_HOST_VARIABLE")
                    .withValue(
                        RayClusterTemplate.serviceHostVariable(
                            ChildNames.rayHeadService(plan.sweep())))
                    .endEnv()
                    .addNewEnv()
                    .withName("SUBMISSION_ID")
                    .withValue(submissionId(plan, strategy.getName()))
                    .endEnv()
                    .addNewEnv()
                    .withName("DRIVER")
                    .withValue(driver(strategy.getName()))
                    .endEnv()
                    .addNewEnv()
                    .withName("HOME")
                    .withValue("/tmp")
                    .endEnv()
                    .withTerminationMessagePolicy("FallbackToLogsOnError")
                    // A fixed small size whatever the pool: the driver and the actors run on the
                    // RayCluster, which is sized for the largest pool (PoolSizing).
                    .withNewResources()
                    .addToRequests("cpu", new Quantity(CPU_REQUEST))
                    .addToRequests("memory", new Quantity(MEMORY))
                    .addToLimits("memory", new Quantity(MEMORY))
                    .endResources()
                    .withSecurityContext(JobTemplate.lockedDownContainer())
                    .addNewVolumeMount()
                    .withName("tmp")
                    .withMountPath("/tmp")
                    .endVolumeMount()
                    .build())
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .build();
    return JobTemplate.strategyJob(settings, plan, strategy.getName(), pod);
  }

  private static String loadScript() {
    try (InputStream in = RaySubmitJob.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the operator jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
