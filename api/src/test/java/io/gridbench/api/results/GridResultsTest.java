package io.gridbench.api.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridResultsTest {

  private static CellResult cell(long compute, long payload, double median) {
    return CellResult.of(compute, payload, 4, 7L, List.of(median), Instant.EPOCH, null);
  }

  private final GridResults grid =
      GridResults.of(
          List.of(0L, 10L),
          List.of(1L, 2L),
          4,
          List.of("a", "b", "idle"),
          Map.of(
              "a", List.of(cell(0, 1, 1.0), cell(10, 2, 3.0), cell(99, 1, 0.1)),
              "b", List.of(cell(0, 1, 2.0), cell(10, 2, 2.0), cell(10, 1, 5.0))));

  @Test
  void cellsOffTheGridAreDropped() {
    assertThat(grid.measured("a")).isEqualTo(2);
    assertThat(grid.cell("a", new CellKey(99, 1, 0, 4))).isEmpty();
    assertThat(grid.measured("idle")).isZero();
    assertThat(grid.cellsPerStrategy()).isEqualTo(4);
  }

  @Test
  void matricesAreRowsOfComputeAndColumnsOfPayload() {
    assertThat(grid.matrix("a", r -> r.stats().median(), -1.0))
        .isEqualTo(List.of(List.of(1.0, -1.0), List.of(-1.0, 3.0)));
    assertThat(grid.measuredCells("b"))
        .extracting(CellResult::key)
        .containsExactly(
            new CellKey(0, 1, 0, 4), new CellKey(10, 1, 0, 4), new CellKey(10, 2, 0, 4));
  }

  @Test
  void theFastestPerCellAndOverall() {
    assertThat(grid.fastestPerCell("-")).isEqualTo(List.of(List.of("a", "-"), List.of("b", "b")));
    assertThat(grid.leader()).contains(new GridResults.Leader("b", 2, 3));
    assertThat(GridResults.empty().leader()).isEmpty();
  }
}
