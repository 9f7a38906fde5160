package io.gridbench.runner.strategy.ray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.runner.strategy.SingleThreadStrategy;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RayStrategiesTest {
  // 200 KB payloads cross RayActors' inline limit, so both of its argument paths run.
  private static final List<CellKey> GRID =
      List.of(
          new CellKey(0, 0, 0, 11),
          new CellKey(1_000, 100, 0, 11),
          new CellKey(20_000, 200_000, 0, 11));
  private static final int TASKS = 11;

  private static RaySession ray;

  @BeforeAll
  static void startRay() throws Exception {
    ray = RaySession.startLocal();
  }

  @AfterAll
  static void stopRay() {
    ray.close();
  }

  static List<Arguments> strategies() {
    return List.of(
        Arguments.of(spec(StrategyType.RayPool, null, null)),
        Arguments.of(spec(StrategyType.RayPool, true, null)),
        Arguments.of(spec(StrategyType.RayPool, null, 3)),
        Arguments.of(spec(StrategyType.RayActors, null, null)),
        Arguments.of(spec(StrategyType.RayTasks, null, null)));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void reportsTheSingleThreadChecksumOfEveryCell(StrategySpec spec) throws Exception {
    try (Strategy strategy = new RayStrategies(ray).create(spec, 2);
        SingleThreadStrategy baseline = new SingleThreadStrategy()) {
      strategy.open();
      for (CellKey key : GRID) {
        CellWork cell = CellWork.prepare(key.compute(), key.payloadBytes(), TASKS, 24);
        long expected = baseline.runCell(cell);
        assertThat(expected).isEqualTo(cell.referenceChecksum());
        // Twice: a reused pool must give the same answer on its second cell as on its first.
        assertThat(strategy.runCell(cell)).as("%s at %s", spec, key).isEqualTo(expected);
        assertThat(strategy.runCell(cell)).as("%s at %s, again", spec, key).isEqualTo(expected);
      }
      assertThat(strategy.mode()).isEqualTo(ExecutionMode.RAY_LOCAL);
    }
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void leavesNoPayloadOrResultInTheObjectStore(StrategySpec spec) throws Exception {
    // Payloads and results past Ray's 100 KiB inline limit: what Ray would keep if not freed.
    CellWork cell = CellWork.prepare(0, 200_000, 5, 150_000);
    try (Strategy strategy = new RayStrategies(ray).create(spec, 2)) {
      strategy.open();
      long before = LocalObjectStoreProbe.retainedBytes();
      assertThat(strategy.runCell(cell)).isEqualTo(cell.referenceChecksum());
      // Ray keeps a 1-byte marker per actor call in LOCAL mode; nothing else may stay.
      assertThat(LocalObjectStoreProbe.retainedBytes() - before).isLessThan(1_000);
    }
  }

  @Test
  void aFailingTaskFailsTheCellNamingCellAndTask() {
    CellWork cell = CellWork.prepare(0, 16, 6, 8);
    FailingKernelTask.failingSeed = cell.seed(4);
    try (RayTasksStrategy tasks = new RayTasksStrategy(ray, FailingKernelTask::run)) {
      assertThatThrownBy(() -> tasks.runCell(cell))
          .isInstanceOf(StrategyException.class)
          .hasMessageContaining("RayTasks: task 4 failed during cell " + cell.key())
          .hasMessageContaining("worker lost")
          .hasMessageNotContaining("\n");
    }
  }

  private static StrategySpec spec(StrategyType type, Boolean rebuild, Integer chunkSize) {
    StrategySpec spec = new StrategySpec(type.name().toLowerCase(), type);
    spec.setRebuild(rebuild);
    spec.setChunkSize(chunkSize);
    return spec;
  }
}
