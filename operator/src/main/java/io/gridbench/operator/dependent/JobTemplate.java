package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.worker.WorkerEnvironment;
import io.gridbench.operator.OperatorSettings;
import java.util.List;
import java.util.Map;

/**
 * The batch/v1 Job that runs one strategy: {@code gridbench worker} in the runner image, the plan
 * mounted read-only from the sweep's plan ConfigMap, as a non-root user on a read-only root
 * filesystem. Writable space is limited to {@code /tmp} and {@code /dev/shm} (ProcessPool's shm
 * transport). A Ray strategy's Job instead submits the worker to the sweep's RayCluster ({@link
 * RaySubmitJob}).
 */
public final class JobTemplate {

  static final String PLAN_DIR = "/etc/gridbench";
  static final String CONTAINER = "worker";

  private final OperatorSettings settings;
  private final RaySubmitJob raySubmit;

  public JobTemplate(OperatorSettings settings) {
    this.settings = settings;
    this.raySubmit = new RaySubmitJob(settings);
  }

  /** The Job of {@code strategy}; owner references are added by the dependent resource. */
  public Job job(SweepPlan plan, StrategySpec strategy) {
    return strategy.getType().isRay() ? raySubmit.job(plan, strategy) : localJob(plan, strategy);
  }

  private Job localJob(SweepPlan plan, StrategySpec strategy) {
    PodSpec pod =
        new PodSpecBuilder()
            // The worker writes its results ConfigMaps through the API: it needs the token.
            .withAutomountServiceAccountToken(true)
            .withContainers(container(plan, strategy))
            .addNewVolume()
            .withName("plan")
            .withNewConfigMap()
            .withName(ChildNames.planConfigMap(plan.sweep()))
            .endConfigMap()
            .endVolume()
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .addNewVolume()
            .withName("dshm")
            .withNewEmptyDir()
            .withMedium("Memory")
            .endEmptyDir()
            .endVolume()
            .build();
    return strategyJob(settings, plan, strategy.getName(), pod);
  }

  /**
   * The Job around {@code pod} that every strategy gets, local or Ray: its name and labels, the
   * retry budget, never restarting in place, a non-root pod with the runtime's seccomp profile, and
   * the sweep's own ServiceAccount ({@link WorkerAccessTemplate}) and the sweep's placement ({@link
   * PodPlacement}); {@code pod} says whether it mounts the token.
   */
  static Job strategyJob(OperatorSettings settings, SweepPlan plan, String strategy, PodSpec pod) {
    Map<String, String> labels = Labels.of(plan.sweep(), Labels.WORKER, strategy);
    PodSpec locked =
        new PodSpecBuilder(PodPlacement.apply(plan.spec().getPlacement(), pod))
            .withServiceAccountName(ChildNames.workerAccount(plan.sweep()))
            .withRestartPolicy("Never")
            .withSecurityContext(
                new PodSecurityContextBuilder()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(settings.workerUid())
                    .withSeccompProfile(
                        new SeccompProfileBuilder().withType("RuntimeDefault").build())
                    .build())
            .build();
    return new JobBuilder()
        .withNewMetadata()
        .withName(ChildNames.job(plan.sweep(), strategy))
        .withNamespace(plan.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(settings.jobBackoffLimit())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withSpec(locked)
        .endTemplate()
        .endSpec()
        .build();
  }

  /** A container that runs as non-root on a read-only root filesystem, without capabilities. */
  static SecurityContext lockedDownContainer() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withCapabilities(new CapabilitiesBuilder().withDrop("ALL").build())
        .build();
  }

  /**
   * The node the pod runs on, from the downward API, for the worker to record with its results:
   * strategies of one sweep may otherwise run on different machines without anyone knowing.
   */
  static EnvVar nodeNameEnv() {
    return new EnvVarBuilder()
        .withName(WorkerEnvironment.NODE_NAME)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("spec.nodeName")
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private Container container(SweepPlan plan, StrategySpec strategy) {
    Quantity cpu = PoolSizing.jobCpu(plan.spec(), strategy, settings.workerCpu());
    return new ContainerBuilder()
        .withName(CONTAINER)
        // The runner image is a JRE and the runner; the Python strategies' program needs a
        // python3, which the Ray image carries beside the same runner.
        .withImage(strategy.getType().isPython() ? settings.rayImage() : settings.runnerImage())
        .withImagePullPolicy("IfNotPresent")
        .withArgs(
            List.of(
                "worker",
                "--plan",
                PLAN_DIR + "/" + ResultsConfigMaps.PLAN_KEY,
                "--strategy",
                strategy.getName()))
        .withEnv(nodeNameEnv())
        // The worker's own "Reason: message" lands in the termination log; logs are the fallback.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        // Requests = limits: a Guaranteed pod, not squeezed by neighbours mid-measurement; a CPU
        // per worker of the strategy's largest pool.
        .withNewResources()
        .addToRequests("cpu", cpu)
        .addToRequests("memory", new Quantity(settings.workerMemory()))
        .addToLimits("cpu", cpu)
        .addToLimits("memory", new Quantity(settings.workerMemory()))
        .endResources()
        .withSecurityContext(lockedDownContainer())
        .addNewVolumeMount()
        .withName("plan")
        .withMountPath(PLAN_DIR)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("dshm")
        .withMountPath("/dev/shm")
        .endVolumeMount()
        .build();
  }
}
