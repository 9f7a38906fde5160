package io.gridbench.runner.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrectionTest {

  // Known values worked by hand from Holm (1979): sort ascending, multiply the k-th smallest
  // (1-based) by m - k + 1, cap at 1, then carry the running maximum so the order is kept. They
  // agree with R's p.adjust(p, "holm") and statsmodels' multipletests(p, method="holm").

  @Test
  void holmMultipliesBySteppedDownRanksAndKeepsTheOrder() {
    double[] adjusted = Correction.holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
    // Sorted: 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 = 0.04 -> max 0.06.
    assertThat(adjusted[0]).isCloseTo(0.03, within(1e-12));
    assertThat(adjusted[1]).isCloseTo(0.06, within(1e-12));
    assertThat(adjusted[2]).isCloseTo(0.06, within(1e-12));
    assertThat(adjusted[3]).isCloseTo(0.02, within(1e-12));
  }

  @Test
  void holmIsMonotoneAndCappedAtOne() {
    double[] adjusted = Correction.holm.adjust(new double[] {0.01, 0.02, 0.03, 0.04, 0.05});
    assertThat(adjusted)
        .containsExactly(new double[] {0.05, 0.08, 0.09, 0.09, 0.09}, within(1e-12));
    assertThat(Correction.holm.adjust(new double[] {0.5, 0.6})).containsExactly(1.0, 1.0);
    assertThat(Correction.holm.adjust(new double[] {0.2})).containsExactly(0.2);
    assertThat(Correction.holm.adjust(new double[0])).isEmpty();
  }

  @Test
  void holmRejectsWhatBonferroniRejectsAndMore() {
    // alpha 0.05, m = 3: Bonferroni needs p < 0.0167 everywhere; Holm's second step only 0.025.
    double[] p = {0.01, 0.02, 0.04};
    double[] adjusted = Correction.holm.adjust(p);
    assertThat(adjusted).containsExactly(new double[] {0.03, 0.04, 0.04}, within(1e-12));
  }

  @Test
  void noneLeavesThePValuesAlone() {
    double[] p = {0.01, 0.04, 0.03};
    assertThat(Correction.none.adjust(p)).containsExactly(0.01, 0.04, 0.03).isNotSameAs(p);
  }
}
