package io.gridbench.operator.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.operator.dependent.RayClusterTemplate;
import java.util.List;
import java.util.Map;

/** Plays KubeRay's part for the ITs: writes a RayCluster's status as KubeRay's operator would. */
public final class FakeKubeRay {
  private FakeKubeRay() {}

  /** Sets {@code cluster}'s status through the status subresource, as KubeRay does. */
  public static void setStatus(
      KubernetesClient client, GenericKubernetesResource cluster, Map<String, Object> status) {
    cluster.setAdditionalProperty("status", status);
    client
        .genericKubernetesResources(RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND)
        .inNamespace(cluster.getMetadata().getNamespace())
        .resource(cluster)
        .updateStatus();
  }

  /** A ready cluster's status in newer KubeRay: conditions, no state. */
  public static Map<String, Object> readyStatus() {
    return Map.of(
        "conditions", List.of(condition("HeadPodReady"), condition("RayClusterProvisioned")));
  }

  private static Map<String, Object> condition(String type) {
    return Map.of(
        "type",
        type,
        "status",
        "True",
        "reason",
        type,
        "message",
        type + " is True",
        "lastTransitionTime",
        "2025-01-01T00:00:00Z");
  }
}
