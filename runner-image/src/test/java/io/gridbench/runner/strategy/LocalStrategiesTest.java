package io.gridbench.runner.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.Transport;
import io.gridbench.runner.workload.CellWork;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LocalStrategiesTest {

  private static final List<CellKey> CELLS =
      List.of(
          new CellKey(0, 0, 0, 13),
          new CellKey(0, 4099, 0, 13),
          new CellKey(5000, 0, 0, 13),
          new CellKey(3000, 70_001, 0, 13));

  static Stream<Arguments> strategies() {
    return Stream.of(
        Arguments.of("single", spec(StrategyType.SingleThread, null, null, null)),
        Arguments.of("threads", spec(StrategyType.ThreadPool, null, null, null)),
        Arguments.of("processes", spec(StrategyType.ProcessPool, false, null, null)),
        Arguments.of("processes-rebuilt", spec(StrategyType.ProcessPool, true, null, null)),
        Arguments.of("processes-chunk-1", spec(StrategyType.ProcessPool, false, 1, null)),
        Arguments.of("processes-chunk-big", spec(StrategyType.ProcessPool, false, 1000, null)),
        Arguments.of("processes-shm", spec(StrategyType.ProcessPool, false, null, Transport.SHM)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void everyLocalStrategyReportsTheReferenceChecksum(String label, StrategySpec spec)
      throws Exception {
    try (Strategy strategy = new LocalStrategies().create(spec, 2)) {
      strategy.open();
      for (CellKey key : CELLS) {
        CellWork cell = CellWork.prepare(key.compute(), key.payloadBytes(), 13, 24);
        assertThat(strategy.runCell(cell))
            .as("%s at %s", label, key)
            .isEqualTo(cell.referenceChecksum());
        // A second run of the same cell on the same (possibly reused) pool agrees too.
        assertThat(strategy.runCell(cell)).isEqualTo(cell.referenceChecksum());
      }
    }
  }

  @Test
  void rayTypesAreNotLocal() {
    assertThatThrownBy(
            () -> new LocalStrategies().create(spec(StrategyType.RayPool, null, null, null), 2))
        .isInstanceOf(StrategyException.class)
        .hasMessageContaining("RayPool");
  }

  @Test
  void localOnlyFactorySaysRayIsNotStarted() {
    StrategySpec ray = spec(StrategyType.RayActors, null, null, null);
    assertThatThrownBy(() -> StrategyFactory.localOnly().create(ray, 2))
        .isInstanceOf(StrategyException.class)
        .hasMessageContaining("needs Ray");
  }

  @Test
  void defaultChunkSizeFollowsPoolMap() {
    assertThat(PoolMapChunks.defaultSize(64, 2)).isEqualTo(8);
    assertThat(PoolMapChunks.defaultSize(65, 2)).isEqualTo(9);
    assertThat(PoolMapChunks.defaultSize(1, 4)).isEqualTo(1);
  }

  private static StrategySpec spec(
      StrategyType type, Boolean rebuild, Integer chunk, Transport transport) {
    StrategySpec spec = new StrategySpec(type.name().toLowerCase(), type);
    spec.setRebuild(rebuild);
    spec.setChunkSize(chunk);
    spec.setTransport(transport);
    return spec;
  }
}
