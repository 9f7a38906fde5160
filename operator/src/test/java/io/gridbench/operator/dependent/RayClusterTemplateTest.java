package io.gridbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.operator.OperatorSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RayClusterTemplateTest {

  private final RayClusterTemplate template =
      new RayClusterTemplate(OperatorSettings.from(Map.of()));

  private static BenchmarkSweepSpec sweepSpec(RaySpec ray) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0), Axis.of(0)));
    spec.setStrategies(List.of(new StrategySpec("r", StrategyType.RayTasks)));
    spec.setRay(ray);
    return spec;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource cluster) {
    return (Map<String, Object>) cluster.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static PodTemplateSpec pod(Map<String, Object> group) {
    return Serialization.jsonMapper().convertValue(group.get("template"), PodTemplateSpec.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> workers(GenericKubernetesResource cluster) {
    return ((List<Map<String, Object>>) spec(cluster).get("workerGroupSpecs")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> head(GenericKubernetesResource cluster) {
    return (Map<String, Object>) spec(cluster).get("headGroupSpec");
  }

  @Test
  void defaultsGiveOneWorkerOfOneCpuAndTwoGiBOnTheRunnerImage() {
    GenericKubernetesResource c = template.rayCluster("s", "ns", sweepSpec(null));

    assertThat(c.getMetadata().getName()).isEqualTo("s-ray");
    assertThat(spec(c)).containsEntry("rayVersion", "2.58.0");
    // KubeRay runs `ray start` in a shell: the head Service's cluster IP where Kubernetes sets its
    // variable (a cluster without DNS), the Service's DNS name otherwise.
    assertThat(workers(c).get("rayStartParams"))
        .isEqualTo(Map.of("address", "${S_RAY_HEAD_SVC_SERVICE_HOST:-s-ray-head-svc}:6379"));
    assertThat(workers(c))
        .containsEntry("replicas", 1)
        .containsEntry("minReplicas", 1)
        .containsEntry("maxReplicas", 1);
    for (PodTemplateSpec pod : List.of(pod(head(c)), pod(workers(c)))) {
      var container = pod.getSpec().getContainers().get(0);
      assertThat(container.getImage()).isEqualTo(OperatorSettings.DEFAULT_RAY_IMAGE);
      assertThat(container.getResources().getLimits())
          .containsEntry("cpu", new Quantity("1"))
          .containsEntry("memory", new Quantity("2Gi"));
      assertThat(container.getResources().getRequests())
          .isEqualTo(container.getResources().getLimits());
      assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(container.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
      assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    }
  }

  @Test
  void sizesAndImageComeFromSpecRay() {
    RaySpec ray = new RaySpec();
    ray.setWorkers(3);
    ray.setCpu("2");
    ray.setMemory("4Gi");
    ray.setImage("registry.example/runner:dev");

    GenericKubernetesResource c = template.rayCluster("s", "ns", sweepSpec(ray));

    assertThat(workers(c)).containsEntry("replicas", 3).containsEntry("maxReplicas", 3);
    var container = pod(workers(c)).getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example/runner:dev");
    assertThat(container.getResources().getLimits())
        .containsEntry("cpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("4Gi"));
  }

  @Test
  void onlyTheHeadRunsDriversSoOnlyItGetsTheWorkerAccountAndThePlan() {
    GenericKubernetesResource c = template.rayCluster("s", "ns", sweepSpec(null));

    PodTemplateSpec head = pod(head(c));
    assertThat(head.getSpec().getServiceAccountName()).isEqualTo("s-worker");
    assertThat(head.getSpec().getAutomountServiceAccountToken()).isTrue();
    assertThat(head.getSpec().getVolumes())
        .anyMatch(v -> v.getConfigMap() != null && v.getConfigMap().getName().equals("s.plan"));
    assertThat(head.getSpec().getContainers().get(0).getPorts())
        .extracting(p -> p.getContainerPort())
        .contains(6379, 8265);

    PodTemplateSpec worker = pod(workers(c));
    assertThat(worker.getSpec().getServiceAccountName()).isNull();
    assertThat(worker.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(worker.getSpec().getVolumes()).noneMatch(v -> v.getConfigMap() != null);
  }

  @Test
  void theDashboardAddressIsTheHeadServiceOfKubeRay() {
    assertThat(RayClusterTemplate.dashboardAddress("s")).isEqualTo("http://s-ray-head-svc:8265");
  }
}
