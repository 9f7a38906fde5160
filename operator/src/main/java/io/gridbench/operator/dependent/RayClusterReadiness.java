package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a RayCluster's readiness from its status across KubeRay versions: {@code state: ready}
 * (older KubeRay, still set by newer ones), or the {@code HeadPodReady} and {@code
 * RayClusterProvisioned} conditions both True (newer KubeRay, which may leave {@code state} unset).
 */
public final class RayClusterReadiness {
  private RayClusterReadiness() {}

  public static boolean isReady(GenericKubernetesResource cluster) {
    Map<String, Object> status = status(cluster);
    if ("ready".equals(status.get("state"))) {
      return true;
    }
    return conditionTrue(status, "HeadPodReady") && conditionTrue(status, "RayClusterProvisioned");
  }

  /** What the status says, for a message on why the cluster is not ready. */
  public static String describe(GenericKubernetesResource cluster) {
    Map<String, Object> status = status(cluster);
    List<String> parts = new ArrayList<>();
    parts.add("state " + (status.get("state") == null ? "unset" : status.get("state")));
    if (status.get("reason") != null) {
      parts.add("reason " + status.get("reason"));
    }
    for (Map<?, ?> c : conditions(status)) {
      parts.add(
          c.get("type")
              + "="
              + c.get("status")
              + (c.get("reason") == null ? "" : " (" + c.get("reason") + ")"));
    }
    return String.join(", ", parts);
  }

  private static boolean conditionTrue(Map<String, Object> status, String type) {
    return conditions(status).stream()
        .anyMatch(c -> type.equals(c.get("type")) && "True".equals(c.get("status")));
  }

  private static List<Map<?, ?>> conditions(Map<String, Object> status) {
    List<Map<?, ?>> list = new ArrayList<>();
    if (status.get("conditions") instanceof List<?> cs) {
      for (Object c : cs) {
        if (c instanceof Map<?, ?> m) {
          list.add(m);
        }
      }
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource cluster) {
    Object status = cluster.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
