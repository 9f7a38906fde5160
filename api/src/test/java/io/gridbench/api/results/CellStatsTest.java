package io.gridbench.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellStatsTest {

  @Test
  void summarisesOddAndEvenSamples() {
    CellStats odd = CellStats.of(List.of(3.0, 1.0, 2.0, 10.0, 4.0));
    assertThat(odd.n()).isEqualTo(5);
    assertThat(odd.min()).isEqualTo(1.0);
    assertThat(odd.median()).isEqualTo(3.0);
    assertThat(odd.mean()).isEqualTo(4.0);
    assertThat(odd.max()).isEqualTo(10.0);
    // sample variance: (1+9+4+36+0)/4 = 12.5
    assertThat(odd.stddev()).isCloseTo(Math.sqrt(12.5), within(1e-12));
    assertThat(odd.relativeSpread()).isEqualTo(3.0);

    CellStats even = CellStats.of(List.of(4.0, 1.0, 3.0, 2.0));
    assertThat(even.median()).isEqualTo(2.5);
  }

  @Test
  void oneSampleHasNoSpread() {
    CellStats one = CellStats.of(List.of(0.5));
    assertThat(one.stddev()).isZero();
    assertThat(one.relativeSpread()).isZero();
  }

  @Test
  void refusesAnEmptyCell() {
    assertThatThrownBy(() -> CellStats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
