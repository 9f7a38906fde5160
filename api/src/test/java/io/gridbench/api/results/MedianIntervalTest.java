package io.gridbench.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianIntervalTest {

  @Test
  void fiveSamplesOnlyReachTheirRange() {
    // P(Bin(5, 1/2) = 0) = 1/32, so [min, max] covers with 1 - 2/32 = 0.9375 < 0.95.
    assertThat(MedianInterval.lowerRank(5, 0.95)).isEqualTo(1);
    assertThat(MedianInterval.coverage(5, 1)).isCloseTo(0.9375, within(1e-12));
    CellStats s = CellStats.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0));
    assertThat(s.ciLow()).isEqualTo(1.0);
    assertThat(s.ciHigh()).isEqualTo(5.0);
    assertThat(s.ciConfidence()).isCloseTo(0.9375, within(1e-12));
  }

  @Test
  void tenSamplesGiveTheSecondAndNinthOrderStatistics() {
    // P(Bin(10, 1/2) <= 1) = 11/1024 <= 0.025 < P(<= 2) = 56/1024.
    assertThat(MedianInterval.lowerRank(10, 0.95)).isEqualTo(2);
    assertThat(MedianInterval.coverage(10, 2)).isCloseTo(1 - 22.0 / 1024, within(1e-12));
    CellStats s = CellStats.of(List.of(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0));
    assertThat(s.ciLow()).isEqualTo(2.0);
    assertThat(s.ciHigh()).isEqualTo(9.0);
    assertThat(s.median()).isEqualTo(5.5);
  }

  @Test
  void largeSamplesAreComputedWithoutOverflow() {
    // Normal approximation: k ~ n/2 - 1.96 sqrt(n)/2 = 500 - 31 = 469 for n = 1000.
    assertThat(MedianInterval.lowerRank(1000, 0.95)).isBetween(468, 470);
  }

  @Test
  void marksSamplesBeyondTukeysFences() {
    CellStats s = CellStats.of(List.of(1.0, 1.1, 0.9, 1.0, 9.0, 1.05));
    assertThat(s.outliers()).containsExactly(4);
    assertThat(CellStats.of(List.of(1.0, 1.2, 0.9, 1.1, 1.05)).outliers()).isEmpty();
  }
}
