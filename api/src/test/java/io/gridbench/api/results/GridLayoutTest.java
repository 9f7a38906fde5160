package io.gridbench.api.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridLayoutTest {

  private static GridLayout layout(
      List<Long> compute, List<Long> payload, List<Long> workers, List<Long> tasks) {
    Map<GridAxis, List<Long>> axes = new EnumMap<>(GridAxis.class);
    axes.put(GridAxis.COMPUTE, compute);
    axes.put(GridAxis.PAYLOAD_BYTES, payload);
    axes.put(GridAxis.WORKERS, workers);
    axes.put(GridAxis.TASKS_PER_CELL, tasks);
    return GridLayout.of(axes);
  }

  @Test
  void theTwoVaryingAxesAreRowsAndColumnsAndTheOthersAreStated() {
    GridLayout l = layout(List.of(1000L), List.of(0L), List.of(1L, 2L, 4L), List.of(64L, 256L));
    assertThat(l.rowAxis()).isEqualTo(GridAxis.WORKERS);
    assertThat(l.columnAxis()).isEqualTo(GridAxis.TASKS_PER_CELL);
    assertThat(l.rows()).containsExactly(1L, 2L, 4L);
    assertThat(l.columns()).containsExactly(64L, 256L);
    assertThat(l.fixedDescription()).isEqualTo("compute 1000, payload 0");
    assertThat(l.hasWorkersAxis()).isTrue();
    assertThat(l.key(2, 256)).isEqualTo(new CellKey(1000, 0, 2, 256));
    assertThat(l.cells())
        .containsExactly(
            new CellKey(1000, 0, 1, 64),
            new CellKey(1000, 0, 1, 256),
            new CellKey(1000, 0, 2, 64),
            new CellKey(1000, 0, 2, 256),
            new CellKey(1000, 0, 4, 64),
            new CellKey(1000, 0, 4, 256));
  }

  @Test
  void oneVaryingAxisIsShownBesideCompute() {
    GridLayout l = layout(List.of(1000L), List.of(0L), List.of(1L, 2L), List.of(64L));
    assertThat(l.rowAxis()).isEqualTo(GridAxis.COMPUTE);
    assertThat(l.columnAxis()).isEqualTo(GridAxis.WORKERS);
    assertThat(l.fixedDescription()).isEqualTo("payload 0, tasks 64");
  }

  @Test
  void computeByPayloadStaysTheDefault() {
    GridLayout l = GridLayout.of(List.of(0L, 10L), List.of(1L), CellKey.STRATEGY_WORKERS, 32);
    assertThat(l.rowAxis()).isEqualTo(GridAxis.COMPUTE);
    assertThat(l.columnAxis()).isEqualTo(GridAxis.PAYLOAD_BYTES);
    assertThat(l.fixedDescription()).isEqualTo("tasks 32");
    assertThat(l.hasWorkersAxis()).isFalse();
    assertThat(l.cellCount()).isEqualTo(2);
  }

  @Test
  void aCellsKeyCarriesItsPoolSizeOnlyOnAWorkersAxis() {
    CellResult plain = CellResult.of(1, 2, 64, 7L, List.of(1.0), java.time.Instant.EPOCH, null);
    assertThat(plain.key()).isEqualTo(new CellKey(1, 2, 0, 64));
    assertThat(plain.key().toString()).isEqualTo("compute=1, payloadBytes=2, tasks=64");
    CellResult onFour = plain.onWorkers(4, true);
    assertThat(onFour.key()).isEqualTo(new CellKey(1, 2, 4, 64));
    assertThat(onFour.key().work()).isEqualTo(plain.key());
    assertThat(onFour.ranOversubscribed()).isTrue();
    assertThat(plain.onWorkers(4, false).oversubscribed()).isNull();
  }

  @Test
  void aRecordedCellIsPlacedByComputeAndPayloadWhereTheOtherAxesHoldOneValue() {
    GridLayout plain = GridLayout.of(List.of(1L), List.of(2L), CellKey.STRATEGY_WORKERS, 64);
    assertThat(plain.normalize(new CellKey(1, 2, 4, 8))).isEqualTo(new CellKey(1, 2, 0, 64));
    GridLayout axes = layout(List.of(1L), List.of(2L), List.of(1L, 2L), List.of(8L, 16L));
    assertThat(axes.normalize(new CellKey(1, 2, 2, 16))).isEqualTo(new CellKey(1, 2, 2, 16));
  }
}
