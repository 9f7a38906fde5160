package io.gridbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.operator.OperatorSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobTemplateTest {

  private final StrategySpec strategy = new StrategySpec("pool", StrategyType.ProcessPool);
  private final Job job =
      new JobTemplate(
              OperatorSettings.from(
                  Map.of(
                      OperatorSettings.RUNNER_IMAGE, "registry.local/runner:1",
                      OperatorSettings.JOB_BACKOFF_LIMIT, "4")))
          .job(plan(), strategy);

  private SweepPlan plan() {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(1), Axis.of(1)));
    spec.setStrategies(List.of(strategy));
    return new SweepPlan(SweepPlan.SCHEMA_VERSION, "s", "ns", "uid", 1, spec);
  }

  @Test
  void theJobRunsTheWorkerOnTheMountedPlan() {
    assertThat(job.getMetadata().getName()).isEqualTo("s-pool");
    assertThat(job.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(4);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("registry.local/runner:1");
    assertThat(c.getArgs())
        .containsExactly("worker", "--plan", "/etc/gridbench/plan.json", "--strategy", "pool");
    assertThat(pod.getVolumes())
        .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("s.plan"));
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getServiceAccountName()).as("the sweep's own account").isEqualTo("s-worker");
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
  }

  @Test
  void podsAreLabelledSoTheOperatorFindsThemAndTheirStrategy() {
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.SWEEP, "s")
        .containsEntry(Labels.STRATEGY, "pool")
        .containsEntry(Labels.COMPONENT, Labels.WORKER)
        .containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    assertThat(job.getMetadata().getLabels())
        .isEqualTo(job.getSpec().getTemplate().getMetadata().getLabels());
  }

  @Test
  void theWorkerPodIsGuaranteedItsCpuAndMemory() {
    var resources = job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests()).isEqualTo(resources.getLimits());
    assertThat(resources.getLimits().get("cpu").toString()).isEqualTo("2");
    assertThat(resources.getLimits().get("memory").toString()).isEqualTo("4Gi");
  }

  @Test
  void theWorkerRunsAsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities() {
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    var sc = pod.getContainers().get(0).getSecurityContext();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .containsExactlyInAnyOrder("/etc/gridbench", "/tmp", "/dev/shm");
  }

  @Test
  void aRayStrategysJobSubmitsTheDriverWithoutAnApiTokenOrThePlan() {
    StrategySpec ray = new StrategySpec("rt", StrategyType.RayTasks);
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(1), Axis.of(1)));
    spec.setStrategies(List.of(ray));
    Job submit =
        new JobTemplate(OperatorSettings.from(Map.of()))
            .job(new SweepPlan(SweepPlan.SCHEMA_VERSION, "s", "ns", "0123456789ab", 1, spec), ray);

    PodSpec pod = submit.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertThat(submit.getMetadata().getName()).isEqualTo("s-rt");
    assertThat(c.getCommand()).containsExactly("/bin/sh", "-c", RaySubmitJob.script());
    assertThat(c.getEnv())
        .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("gridbench-s-rt-01234567"))
        .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("http://s-ray-head-svc:8265"));
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName())
        .as("the sweep's account, not the namespace's default one and whatever it was granted")
        .isEqualTo("s-worker");
    assertThat(pod.getVolumes()).noneMatch(v -> v.getConfigMap() != null);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(submit.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.STRATEGY, "rt")
        .containsEntry(Labels.COMPONENT, Labels.WORKER);
  }

  @Test
  void aRaySubmitPodKeepsASmallFixedSizeWhateverThePoolBecauseTheDriverRunsOnTheHead() {
    StrategySpec ray = new StrategySpec("rp", StrategyType.RayPool);
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(1), Axis.of(1)));
    spec.getGrid().setWorkers(Axis.of(1, 2, 4, 8));
    spec.setStrategies(List.of(ray));
    Job submit =
        new JobTemplate(OperatorSettings.from(Map.of(OperatorSettings.WORKER_CPU, "2")))
            .job(new SweepPlan(SweepPlan.SCHEMA_VERSION, "s", "ns", "uid", 1, spec), ray);

    var resources = submit.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests())
        .containsEntry("cpu", new Quantity("100m"))
        .containsEntry("memory", new Quantity("256Mi"));
    // No CPU limit (the CLI's start-up is not throttled); memory bounded.
    assertThat(resources.getLimits()).containsOnlyKeys("memory");
  }

  @ParameterizedTest
  @EnumSource(
      value = StrategyType.class,
      names = {"PythonSingleThread", "PythonPool", "PythonRayPool", "PythonRayActors"})
  void pythonStrategiesRunInJobsLikeTheirJavaFamily(StrategyType type) {
    StrategySpec python = new StrategySpec("py", type);
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(1), Axis.of(1)));
    spec.setStrategies(List.of(python));
    Job job =
        new JobTemplate(OperatorSettings.from(Map.of()))
            .job(
                new SweepPlan(SweepPlan.SCHEMA_VERSION, "s", "ns", "0123456789ab", 1, spec),
                python);

    Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    if (type.isRay()) {
      // On the sweep's Ray cluster, submitted like RayPool: the Python driver joins that cluster.
      assertThat(c.getCommand()).containsExactly("/bin/sh", "-c", RaySubmitJob.script());
    } else {
      // In a worker Job like ProcessPool's, of the Ray image: the one with a python3.
      assertThat(c.getArgs())
          .containsExactly("worker", "--plan", "/etc/gridbench/plan.json", "--strategy", "py");
      assertThat(c.getImage()).isEqualTo(OperatorSettings.DEFAULT_RAY_IMAGE);
    }
  }
}
