package io.gridbench.runner.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {

  @Test
  void completelySeparatedSamplesGetTheSmallestExactP() {
    // U = 0: 2 / C(10, 5) = 2 / 252.
    double p = MannWhitney.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
    assertThat(p).isCloseTo(2.0 / 252, within(1e-12));
    // U = 0 for 10 vs 10: 2 / C(20, 10) = 2 / 184756.
    double[] a = new double[10];
    double[] b = new double[10];
    for (int i = 0; i < 10; i++) {
      a[i] = i;
      b[i] = 100 + i;
    }
    assertThat(MannWhitney.pValue(a, b)).isCloseTo(2.0 / 184756, within(1e-12));
  }

  @Test
  void interleavedSamplesAreNotSignificant() {
    double p = MannWhitney.pValue(new double[] {1, 3, 5, 7, 9}, new double[] {2, 4, 6, 8, 10});
    // U = 10 of 25: 87 of the 252 equally likely arrangements have U <= 10, so p = 174/252.
    assertThat(p).isCloseTo(174.0 / 252, within(1e-12));
  }

  @Test
  void tiesUseTheCorrectedNormalApproximation() {
    double p = MannWhitney.pValue(new double[] {1, 1, 1, 2, 2, 2}, new double[] {1, 1, 1, 2, 2, 2});
    assertThat(p).isCloseTo(1.0, within(1e-6));
    double separated =
        MannWhitney.pValue(new double[] {1, 1, 1, 1, 1, 1}, new double[] {2, 2, 2, 2, 2, 2});
    assertThat(separated).isLessThan(0.01);
  }

  @Test
  void normalCdfMatchesKnownValues() {
    assertThat(MannWhitney.normalCdf(0)).isCloseTo(0.5, within(1e-7));
    assertThat(MannWhitney.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
    assertThat(MannWhitney.normalCdf(-1)).isCloseTo(0.158655, within(1e-6));
  }
}
