package io.gridbench.runner.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridbench.api.results.CellKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellTimeEstimatorTest {

  /** A known cost: 2 ms per cell, 1 µs per compute iteration, 1 ns per payload byte. */
  private static double cost(CellKey k) {
    return 2e-3 + 1e-6 * k.compute() + 1e-9 * k.payloadBytes();
  }

  private static final long[] COMPUTE = {0, 1_000, 100_000, 1_000_000};
  private static final long[] PAYLOAD = {0, 65_536, 1 << 20};

  private static List<CellKey> grid() {
    List<CellKey> cells = new ArrayList<>();
    for (long c : COMPUTE) {
      for (long p : PAYLOAD) {
        cells.add(new CellKey(c, p, 0, 64));
      }
    }
    return cells;
  }

  @Test
  void nothingMeasuredPredictsNothing() {
    assertThat(new CellTimeEstimator().remaining(Map.of("a", grid()))).isEmpty();
  }

  @Test
  void aLinearCostIsRecoveredFromTheCellsMeasuredSoFar() {
    // Sequential order: the cheap rows come first. After the first two rows the model knows both
    // slopes and predicts the expensive rows, which a count of cells underestimates ~60-fold.
    List<CellKey> cells = grid();
    CellTimeEstimator estimator = new CellTimeEstimator();
    for (CellKey k : cells.subList(0, 6)) {
      estimator.record("single", k, cost(k));
    }
    List<CellKey> left = cells.subList(6, cells.size());
    double truth = left.stream().mapToDouble(CellTimeEstimatorTest::cost).sum();
    double predicted = estimator.remaining(Map.of("single", left)).orElseThrow();
    assertThat(predicted).isCloseTo(truth, within(truth * 1e-6));

    double perCellSoFar =
        cells.subList(0, 6).stream().mapToDouble(CellTimeEstimatorTest::cost).sum() / 6;
    assertThat(perCellSoFar * left.size()).isLessThan(truth / 50);
  }

  @Test
  void aStrategyKnownOnlyElsewhereTakesTheSharedShapeAndItsOwnSpeed() {
    CellTimeEstimator estimator = new CellTimeEstimator();
    List<CellKey> cells = grid();
    for (CellKey k : cells) {
      estimator.record("single", k, cost(k));
    }
    // The pool is three times as slow on the two cells it measured.
    estimator.record("pool", cells.get(0), 3 * cost(cells.get(0)));
    estimator.record("pool", cells.get(1), 3 * cost(cells.get(1)));
    CellKey last = cells.get(cells.size() - 1);
    assertThat(estimator.predict("pool", last).orElseThrow())
        .isCloseTo(3 * cost(last), within(3 * cost(last) * 1e-3));
    // A strategy with no cell yet is predicted at the pooled speed.
    assertThat(estimator.predict("threads", last).orElseThrow()).isGreaterThan(cost(last) * 0.9);
  }

  @Test
  void undeterminedOrNegativeSlopesAreLeftOut() {
    CellTimeEstimator estimator = new CellTimeEstimator();
    // Only compute = 0 seen: the compute slope cannot be known, so the estimate is the row's fit.
    estimator.record("a", new CellKey(0, 0, 0, 64), 1.0);
    estimator.record("a", new CellKey(0, 100, 0, 64), 1.2);
    assertThat(estimator.predict("a", new CellKey(1_000_000, 0, 0, 64)).orElseThrow())
        .isCloseTo(1.0, within(1e-9));
    // Noise that makes payload look cheaper at size: never a negative time.
    CellTimeEstimator noisy = new CellTimeEstimator();
    noisy.record("a", new CellKey(0, 0, 0, 64), 1.0);
    noisy.record("a", new CellKey(0, 1000, 0, 64), 0.9);
    assertThat(noisy.predict("a", new CellKey(0, 1_000_000_000, 0, 64)).orElseThrow())
        .isCloseTo(0.95, within(1e-9));
    // Axes that moved together so far (a diagonal) still give a finite estimate.
    CellTimeEstimator diagonal = new CellTimeEstimator();
    diagonal.record("a", new CellKey(0, 0, 0, 64), 1.0);
    diagonal.record("a", new CellKey(10, 10, 0, 64), 2.0);
    assertThat(diagonal.predict("a", new CellKey(20, 20, 0, 64)).orElseThrow())
        .isCloseTo(3.0, within(1e-9));
  }
}
