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

class RayPoolStrategyTest {
  private static final CellWork CELL = CellWork.prepare(5_000, 64, 16, 8);

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
  void aRebuiltPoolStartsItsActorsInsideEveryMeasuredCell() throws Exception {
    try (RayPoolStrategy pool = new RayPoolStrategy(ray, 2, true, null, CountingKernelActor::new)) {
      int before = CountingKernelActor.CREATED.get();
      pool.open();
      assertThat(CountingKernelActor.CREATED.get() - before).as("created by open()").isZero();
      for (int cell = 1; cell <= 3; cell++) {
        // runCell is exactly what the harness times, so these start-ups are in the samples.
        assertThat(pool.runCell(CELL)).isEqualTo(CELL.referenceChecksum());
        assertThat(CountingKernelActor.CREATED.get() - before).isEqualTo(2 * cell);
      }
    }
  }

  @Test
  void aReusedPoolStartsItsActorsOnceBeforeTheFirstCell() throws Exception {
    try (RayPoolStrategy pool =
        new RayPoolStrategy(ray, 2, false, null, CountingKernelActor::new)) {
      int before = CountingKernelActor.CREATED.get();
      pool.open();
      assertThat(CountingKernelActor.CREATED.get() - before).as("created by open()").isEqualTo(2);
      for (int cell = 0; cell < 3; cell++) {
        assertThat(pool.runCell(CELL)).isEqualTo(CELL.referenceChecksum());
      }
      assertThat(CountingKernelActor.CREATED.get() - before).isEqualTo(2);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anActorThatDiesMidCellFailsTheCellByName() throws Exception {
    // Each actor answers its start-up ping and one chunk, then dies with chunks still queued.
    try (RayPoolStrategy pool =
        new RayPoolStrategy(ray, 2, false, 2, DyingKernelActor.AfterTwoCalls::new)) {
      pool.open();
      assertThatThrownBy(() -> pool.runCell(CELL))
          .isInstanceOf(StrategyException.class)
          // Both actors die: which death the pool meets first is up to Ray's scheduling.
          .hasMessageFindingMatch(
              "^RayPool: actor [01] died during cell " + Pattern.quote(CELL.key().toString()))
          .hasMessageContaining("The actor died unexpectedly")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aChunkWithResultsMissingFailsTheCellByName() throws Exception {
    try (RayPoolStrategy pool = new RayPoolStrategy(ray, 2, false, 4, TruncatingKernelActor::new)) {
      pool.open();
      assertThatThrownBy(() -> pool.runCell(CELL))
          .isInstanceOf(StrategyException.class)
          .hasMessage("RayPool: chunk 0 of cell " + CELL.key() + " returned 31 bytes; expected 32");
    }
  }

  @Test
  void anActorThatCannotStartFailsOpen() {
    try (RayPoolStrategy pool =
        new RayPoolStrategy(ray, 2, false, null, DyingKernelActor.AtStart::new)) {
      assertThatThrownBy(pool::open)
          .isInstanceOf(StrategyException.class)
          .hasMessageFindingMatch("^RayPool: actor 0 did not start");
    }
  }
}
