package io.gridbench.runner.strategy.ray;

import static org.assertj.core.api.Assertions.assertThat;

import io.ray.api.id.UniqueId;
import io.ray.api.runtimecontext.NodeInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActorPlacementTest {
  private static NodeInfo node(int port, Map<String, Double> resources) {
    return new NodeInfo(
        UniqueId.randomId(), "10.0.0.1", "host", port, "", "", true, resources, Map.of());
  }

  @Test
  void eachNodeHostsAsManyActorsAsItsScarcestRequestedResourceAllows() {
    List<NodeInfo> nodes =
        List.of(
            node(1, Map.of("CPU", 0.0, "memory", 1e9)),
            node(2, Map.of("CPU", 4.0, "gpu", 1.0)),
            node(3, Map.of("CPU", 3.0, "gpu", 2.0)));

    assertThat(ActorPlacement.of(Map.of("CPU", 1.0), nodes).capacity()).isEqualTo(7);
    assertThat(ActorPlacement.of(Map.of("CPU", 2.0, "gpu", 1.0), nodes).capacity()).isEqualTo(2);
    assertThat(ActorPlacement.of(Map.of("CPU", 0.5), nodes).capacity()).isEqualTo(14);
    assertThat(ActorPlacement.of(Map.of("missing", 1.0), nodes).capacity()).isZero();
  }

  @Test
  void fractionsCountInRaysUnitsNotBinaryFloatingPoint() {
    // 0.1 * 3 is 0.30000000000000004 in doubles: three actors of 0.1 still fit in 0.3.
    assertThat(ActorPlacement.perNode(Map.of("x", 0.1), Map.of("x", 0.3))).isEqualTo(3);
  }

  @Test
  void namesWhatEachNodeOffersOfTheRequestedResources() {
    ActorPlacement p =
        ActorPlacement.of(
            Map.of("CPU", 1.0), List.of(node(7, Map.of("CPU", 2.0, "object_store_memory", 5.0))));

    assertThat(p.offered()).isEqualTo("10.0.0.1:7 {CPU=2.0}");
    assertThat(ActorPlacement.of(Map.of("CPU", 1.0), List.of()).offered()).isEqualTo("nothing");
  }
}
