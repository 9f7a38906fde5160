package io.gridbench.runner.strategy.ray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RayActorsStrategyTest {
  private static RaySession ray;

  @BeforeAll
  static void startRay() throws Exception {
    ray = RaySession.startLocal();
  }

  @AfterAll
  static void stopRay() {
    ray.close();
  }

  @Test
  void startsEveryActorBeforeTheFirstCellAndNoneAfter() throws Exception {
    CellWork cell = CellWork.prepare(1_000, 8, 9, 8);
    try (RayActorsStrategy actors = new RayActorsStrategy(ray, 3, CountingKernelActor::new)) {
      int before = CountingKernelActor.CREATED.get();
      actors.open();
      assertThat(CountingKernelActor.CREATED.get() - before).isEqualTo(3);
      assertThat(actors.actorsPerNode())
          .containsExactly(org.assertj.core.api.Assertions.entry(KernelActorGroup.LOCAL_NODE, 3));
      assertThat(actors.runCell(cell)).isEqualTo(cell.referenceChecksum());
      assertThat(actors.runCell(cell)).isEqualTo(cell.referenceChecksum());
      assertThat(CountingKernelActor.CREATED.get() - before).isEqualTo(3);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anActorThatDiesMidCellFailsTheCellByName() throws Exception {
    CellWork cell = CellWork.prepare(20_000, 200_000, 24, 8);
    // Start-up ping plus three tasks, then each actor dies with tasks still queued on it.
    try (RayActorsStrategy actors =
        new RayActorsStrategy(ray, 2, DyingKernelActor.AfterFourCalls::new)) {
      actors.open();
      assertThatThrownBy(() -> actors.runCell(cell))
          .isInstanceOf(StrategyException.class)
          // Both actors die: which death the strategy meets first is up to Ray's scheduling.
          .hasMessageFindingMatch(
              "^RayActors: actor [01] died during cell " + Pattern.quote(cell.key().toString()))
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aResultOfTheWrongSizeFailsTheCellByName() throws Exception {
    CellWork cell = CellWork.prepare(0, 8, 4, 16);
    try (RayActorsStrategy actors = new RayActorsStrategy(ray, 2, TruncatingKernelActor::new)) {
      actors.open();
      assertThatThrownBy(() -> actors.runCell(cell))
          .isInstanceOf(StrategyException.class)
          .hasMessageFindingMatch(
              "^RayActors: task \\d of cell "
                  + Pattern.quote(cell.key().toString())
                  + " returned 15 bytes; expected 16$");
    }
  }

  @Test
  void keepsEachActorAPoolChunkOfCallsAheadButAtLeastTwo() {
    assertThat(RayActorsStrategy.depth(1, 4)).isEqualTo(2);
    assertThat(RayActorsStrategy.depth(32, 2)).isEqualTo(4);
    assertThat(RayActorsStrategy.depth(2_000, 2)).isEqualTo(250);
  }
}
