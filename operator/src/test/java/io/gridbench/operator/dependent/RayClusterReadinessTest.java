package io.gridbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RayClusterReadinessTest {

  private static GenericKubernetesResource withStatus(Map<String, Object> status) {
    GenericKubernetesResource r =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("ray.io/v1")
            .withKind("RayCluster")
            .withNewMetadata()
            .withName("s-ray")
            .endMetadata()
            .build();
    if (status != null) {
      r.setAdditionalProperty("status", status);
    }
    return r;
  }

  private static Map<String, Object> condition(String type, String status) {
    return Map.of("type", type, "status", status, "reason", type + "Reason");
  }

  @Test
  void noStatusIsNotReady() {
    assertThat(RayClusterReadiness.isReady(withStatus(null))).isFalse();
    assertThat(RayClusterReadiness.describe(withStatus(null))).isEqualTo("state unset");
  }

  @Test
  void olderKubeRayReadyStateIsReady() {
    assertThat(RayClusterReadiness.isReady(withStatus(Map.of("state", "ready")))).isTrue();
  }

  @Test
  void otherStatesAreNotReady() {
    assertThat(RayClusterReadiness.isReady(withStatus(Map.of("state", "unhealthy")))).isFalse();
    assertThat(RayClusterReadiness.isReady(withStatus(Map.of("state", "suspended")))).isFalse();
  }

  @Test
  void newerKubeRayNeedsHeadPodReadyAndRayClusterProvisioned() {
    assertThat(
            RayClusterReadiness.isReady(
                withStatus(
                    Map.of(
                        "conditions",
                        List.of(
                            condition("HeadPodReady", "True"),
                            condition("RayClusterProvisioned", "True"))))))
        .isTrue();
    assertThat(
            RayClusterReadiness.isReady(
                withStatus(
                    Map.of(
                        "conditions",
                        List.of(
                            condition("HeadPodReady", "True"),
                            condition("RayClusterProvisioned", "False"))))))
        .isFalse();
    assertThat(
            RayClusterReadiness.isReady(
                withStatus(Map.of("conditions", List.of(condition("HeadPodReady", "True"))))))
        .isFalse();
  }

  @Test
  void describeNamesStateReasonAndConditions() {
    assertThat(
            RayClusterReadiness.describe(
                withStatus(
                    Map.of(
                        "state",
                        "unhealthy",
                        "reason",
                        "PodFailed",
                        "conditions",
                        List.of(condition("HeadPodReady", "False"))))))
        .isEqualTo("state unhealthy, reason PodFailed, HeadPodReady=False (HeadPodReadyReason)");
  }
}
