package io.gridbench.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsConfigMapsTest {

  @Test
  void aCellSurvivesTheRoundTripThroughAConfigMapEntry() throws PlanException {
    CellResult cell =
        CellResult.of(1000, 65536, 32, 0xabcdefL, List.of(0.5, 0.25, 0.75), Instant.EPOCH, null);

    String json = ResultsConfigMaps.encode(cell);
    CellResult back = ResultsConfigMaps.decode("here", json);

    assertThat(json).doesNotContain("\n");
    assertThat(back).isEqualTo(cell);
    assertThat(back.stats().median()).isEqualTo(0.5);
  }

  @Test
  void theDriftEntryRoundTripsAndIsNotACell() throws PlanException {
    DriftReport drift =
        DriftReport.of(
            100,
            0,
            5,
            0.05,
            List.of(
                new DriftReport.Point(0, Instant.EPOCH, 0.010),
                new DriftReport.Point(5, Instant.EPOCH.plusSeconds(3), 0.012)));
    String json = ResultsConfigMaps.encodeDrift(drift);
    assertThat(ResultsConfigMaps.decodeDrift("here", json)).isEqualTo(drift);
    CellResult cell = CellResult.of(1, 2, 3, 4L, List.of(0.5), Instant.EPOCH, null);
    assertThat(
            ResultsConfigMaps.decodeAll(
                "s-pool",
                Map.of("c1.p2", ResultsConfigMaps.encode(cell), ResultsConfigMaps.DRIFT_KEY, json)))
        .containsExactly(cell);
    assertThatThrownBy(() -> ResultsConfigMaps.decodeDrift("s-pool key drift.json", "[1, 2]"))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("s-pool key drift.json: the entry is not a drift report");
  }

  @Test
  void namesKeepShardsApartFromOtherStrategies() {
    assertThat(ChildNames.resultsConfigMap("s", "pool", 0)).isEqualTo("s-pool");
    assertThat(ChildNames.resultsConfigMap("s", "pool", 1)).isEqualTo("s-pool.1");
    assertThat(ChildNames.resultsConfigMap("s", "pool-1", 0)).isNotEqualTo("s-pool.1");
    assertThat(ChildNames.planConfigMap("s")).isEqualTo("s.plan");
    assertThat(ResultsConfigMaps.key(new CellKey(7, 0, 0, 64))).isEqualTo("c7.p0.t64");
    assertThat(ResultsConfigMaps.key(new CellKey(7, 0, 4, 64))).isEqualTo("c7.p0.w4.t64");
  }

  @Test
  void anUnreadableEntryIsNamedInTheMessage() {
    assertThatThrownBy(() -> ResultsConfigMaps.decodeAll("s-pool", Map.of("c1.p1", "{oops")))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("ConfigMap s-pool key c1.p1: the entry is not a cell result");
  }
}
