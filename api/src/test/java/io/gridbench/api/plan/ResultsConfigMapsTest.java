package io.gridbench.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
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
  void namesKeepShardsApartFromOtherStrategies() {
    assertThat(ResultsConfigMaps.name("s", "pool", 0)).isEqualTo("s-pool");
    assertThat(ResultsConfigMaps.name("s", "pool", 1)).isEqualTo("s-pool.1");
    assertThat(ResultsConfigMaps.name("s", "pool-1", 0)).isNotEqualTo("s-pool.1");
    assertThat(ResultsConfigMaps.planName("s")).isEqualTo("s.plan");
    assertThat(ResultsConfigMaps.key(new CellKey(7, 0))).isEqualTo("c7.p0");
  }

  @Test
  void anUnreadableEntryIsNamedInTheMessage() {
    assertThatThrownBy(() -> ResultsConfigMaps.decodeAll("s-pool", Map.of("c1.p1", "{oops")))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("ConfigMap s-pool key c1.p1: the entry is not a cell result");
  }
}
