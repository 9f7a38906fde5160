package io.gridbench.runner.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridbench.runner.compare.ResultsComparison.Comparison;
import io.gridbench.runner.compare.ResultsComparison.Settings;
import io.gridbench.runner.compare.ResultsComparison.Verdict;
import io.gridbench.runner.report.SampleResults;
import org.junit.jupiter.api.Test;

class ResultsComparisonTest {

  private static final Settings HOLM = new Settings(0.05, 0.02, Correction.holm);
  private static final Settings UNCORRECTED = new Settings(0.05, 0.02, Correction.none);

  @Test
  void geometricMeanOfTheRatiosOverallAndPerStrategy() {
    Comparison c =
        ResultsComparison.compare(
            SampleResults.of(0.01, 2.0, false, 10), SampleResults.of(0.01, 3.0, false, 10), HOLM);
    assertThat(c.rows()).hasSize(12);
    assertThat(c.geometricMeanRatioByStrategy().get("pool")).isCloseTo(1.5, within(1e-9));
    assertThat(c.geometricMeanRatioByStrategy().get("single")).isCloseTo(1.0, within(1e-9));
    // Six cells at 1.5 and six at 1.0: (1.5^6)^(1/12).
    assertThat(c.geometricMeanRatio()).isCloseTo(Math.sqrt(1.5), within(1e-9));
    assertThat(c.geometricMeanRatioByStrategy().keySet()).containsExactly("single", "pool");
  }

  @Test
  void holmKeepsLargeSeparatedChangesSignificant() {
    Comparison c =
        ResultsComparison.compare(
            SampleResults.of(0.01, 2.0, false, 10), SampleResults.of(0.01, 3.0, false, 10), HOLM);
    assertThat(c.significanceReachable()).isTrue();
    assertThat(c.count(Verdict.slower)).isEqualTo(6);
    assertThat(c.count(Verdict.same)).isEqualTo(6);
    assertThat(c.rows())
        .allSatisfy(r -> assertThat(r.adjustedP()).isGreaterThanOrEqualTo(r.pValue()));
    assertThat(c.regressions(40)).hasSize(6);
    assertThat(c.regressions(50)).isEmpty(); // exactly +50%: not more than 50
  }

  @Test
  void withFiveSamplesHolmOverTwelveCellsCannotReachSignificance() {
    // The exact test's best p for 5 vs 5 is 2/252 = 0.0079; times 12 cells it is above 0.05.
    Comparison holm =
        ResultsComparison.compare(
            SampleResults.of(0.01, 2.0, false), SampleResults.of(0.01, 3.0, false), HOLM);
    assertThat(holm.significanceReachable()).isFalse();
    assertThat(holm.count(Verdict.slower)).isZero();
    assertThat(holm.rows().stream().filter(r -> r.strategy().equals("pool")))
        .allSatisfy(r -> assertThat(r.adjustedP()).isCloseTo(12 * 2.0 / 252, within(1e-12)));

    Comparison none =
        ResultsComparison.compare(
            SampleResults.of(0.01, 2.0, false), SampleResults.of(0.01, 3.0, false), UNCORRECTED);
    assertThat(none.significanceReachable()).isTrue();
    assertThat(none.count(Verdict.slower)).isEqualTo(6);
  }

  @Test
  void smallestPValueIsThatOfSeparatedSamples() {
    assertThat(MannWhitney.smallestPValue(5, 5)).isCloseTo(2.0 / 252, within(1e-12));
    assertThat(MannWhitney.smallestPValue(3, 4)).isCloseTo(2.0 / 35, within(1e-12));
  }
}
