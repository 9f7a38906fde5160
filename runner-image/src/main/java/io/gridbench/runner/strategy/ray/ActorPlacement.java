package io.gridbench.runner.strategy.ray;

import io.ray.api.runtimecontext.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many actors each holding {@code resources} a set of Ray nodes can host, counted from the
 * nodes' total resources: an actor lives on one node, so each node hosts as many as its scarcest
 * requested resource allows.
 */
record ActorPlacement(int capacity, String offered) {

  static ActorPlacement of(Map<String, Double> resources, List<NodeInfo> nodes) {
    long capacity = 0;
    StringBuilder offered = new StringBuilder();
    for (NodeInfo node : nodes) {
      capacity += perNode(resources, node.resources);
      Map<String, Double> held = new TreeMap<>();
      resources.keySet().forEach(r -> held.put(r, node.resources.getOrDefault(r, 0.0)));
      offered
          .append(offered.isEmpty() ? "" : ", ")
          .append(node.nodeAddress)
          .append(':')
          .append(node.nodeManagerPort)
          .append(' ')
          .append(
              held.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(", ", "{", "}")));
    }
    return new ActorPlacement(
        (int) Math.min(Integer.MAX_VALUE, capacity),
        offered.isEmpty() ? "nothing" : offered.toString());
  }

  /** Actors of {@code resources} one node of {@code offered} totals can host. */
  static long perNode(Map<String, Double> resources, Map<String, Double> offered) {
    long fit = Long.MAX_VALUE;
    for (Map.Entry<String, Double> r : resources.entrySet()) {
      double has = offered.getOrDefault(r.getKey(), 0.0);
      // Ray counts resources in units of 1/10000: compare at that grain, not in binary floating.
      long units = Math.round(has * 10_000);
      long need = Math.round(r.getValue() * 10_000);
      fit = Math.min(fit, units / need);
    }
    return fit;
  }
}
