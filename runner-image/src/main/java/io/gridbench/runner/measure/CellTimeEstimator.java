package io.gridbench.runner.measure;

import io.gridbench.api.results.CellKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

/**
 * Predicts how long cells not yet measured will take from the wall times of those measured. Cell
 * costs differ by orders of magnitude along the axes, so counting cells misleads; the work of a
 * cell grows linearly in compute iterations and payload bytes, so the model is a least-squares fit
 * of {@code seconds per task = a + b * compute + c * payloadBytes} over all measured cells (times
 * the cell's tasks, which a tasks axis varies; the pool size is left out), times a per-strategy
 * factor (its measured total over the fit's total for its cells). A coefficient the measured cells
 * cannot determine (one axis value seen so far) or that comes out negative is left out, so early
 * estimates are low rather than wild.
 */
public final class CellTimeEstimator {

  private record Observation(String strategy, CellKey key, double seconds) {}

  private final List<Observation> observations = new ArrayList<>();
  private double[] coefficients; // a, b, c: refitted lazily after new observations
  private Map<String, Double> factors;

  /** Records that {@code strategy} took {@code seconds} for the cell at {@code key}. */
  public void record(String strategy, CellKey key, double seconds) {
    if (seconds >= 0 && Double.isFinite(seconds)) {
      observations.add(new Observation(strategy, key, seconds / Math.max(1, key.tasks())));
      coefficients = null;
    }
  }

  /** The predicted seconds of {@code strategy} at {@code key}; empty before any observation. */
  public OptionalDouble predict(String strategy, CellKey key) {
    if (observations.isEmpty()) {
      return OptionalDouble.empty();
    }
    fit();
    return OptionalDouble.of(
        factors.getOrDefault(strategy, 1.0) * base(key) * Math.max(1, key.tasks()));
  }

  /** The predicted seconds of all {@code remaining} cells by strategy; empty before any. */
  public OptionalDouble remaining(Map<String, ? extends Collection<CellKey>> remaining) {
    if (observations.isEmpty()) {
      return OptionalDouble.empty();
    }
    double sum = 0;
    for (Map.Entry<String, ? extends Collection<CellKey>> e : remaining.entrySet()) {
      for (CellKey key : e.getValue()) {
        sum += predict(e.getKey(), key).orElse(0);
      }
    }
    return OptionalDouble.of(sum);
  }

  private double base(CellKey key) {
    double v =
        coefficients[0] + coefficients[1] * key.compute() + coefficients[2] * key.payloadBytes();
    return Math.max(v, 0);
  }

  private void fit() {
    if (coefficients != null) {
      return;
    }
    factors = new HashMap<>();
    // Alternate: the shape fitted to each time divided by its strategy's factor, then the factors
    // from the shape. A few rounds settle it; strategies differ mostly by a constant factor.
    for (int round = 0; round < 8; round++) {
      double[] target = new double[observations.size()];
      for (int i = 0; i < target.length; i++) {
        Observation o = observations.get(i);
        target[i] = o.seconds() / factors.getOrDefault(o.strategy(), 1.0);
      }
      coefficients = shape(target);
      factors = factorsOfShape();
    }
  }

  /** Each strategy's measured total over the shape's total for the same cells. */
  private Map<String, Double> factorsOfShape() {
    Map<String, double[]> totals = new HashMap<>();
    for (Observation o : observations) {
      double[] t = totals.computeIfAbsent(o.strategy(), k -> new double[2]);
      t[0] += o.seconds();
      t[1] += base(o.key());
    }
    Map<String, Double> result = new HashMap<>();
    totals.forEach((s, t) -> result.put(s, t[0] > 0 && t[1] > 0 ? t[0] / t[1] : 1.0));
    return result;
  }

  /** The least-squares shape for {@code target} (one value per observation). */
  private double[] shape(double[] target) {
    boolean[] use = {true, varies(o -> o.key().compute()), varies(o -> o.key().payloadBytes())};
    double[] beta;
    while (true) {
      beta = leastSquares(use, target);
      // Singular (the axes seen so far move together): drop payload, then compute. The intercept
      // alone (the mean) is never singular.
      if (beta == null) {
        use[use[2] ? 2 : 1] = false;
        continue;
      }
      // A negative slope is noise on a flat axis; it would predict negative times further out.
      int negative = use[2] && beta[2] < 0 ? 2 : use[1] && beta[1] < 0 ? 1 : 0;
      if (negative == 0) {
        return beta;
      }
      use[negative] = false;
    }
  }

  private boolean varies(ToLongFunction<Observation> axis) {
    long first = axis.applyAsLong(observations.get(0));
    return observations.stream().anyMatch(o -> axis.applyAsLong(o) != first);
  }

  /** Least squares over the used columns (intercept, compute, payload); null when singular. */
  private double[] leastSquares(boolean[] use, double[] target) {
    int[] cols = IntStream.range(0, 3).filter(j -> use[j]).toArray();
    int k = cols.length;
    // Normal equations, scaled per column so compute (up to 1e10) and payload (up to 2.7e8) do not
    // swamp the intercept numerically.
    double[] scale = new double[k];
    for (int i = 0; i < k; i++) {
      double max = 1;
      for (Observation o : observations) {
        max = Math.max(max, Math.abs(column(o, cols[i])));
      }
      scale[i] = max;
    }
    double[][] m = new double[k][k + 1];
    for (int n = 0; n < target.length; n++) {
      Observation o = observations.get(n);
      for (int i = 0; i < k; i++) {
        double xi = column(o, cols[i]) / scale[i];
        for (int j = 0; j < k; j++) {
          m[i][j] += xi * column(o, cols[j]) / scale[j];
        }
        m[i][k] += xi * target[n];
      }
    }
    for (int p = 0; p < k; p++) {
      int pivot = p;
      for (int r = p + 1; r < k; r++) {
        if (Math.abs(m[r][p]) > Math.abs(m[pivot][p])) {
          pivot = r;
        }
      }
      if (Math.abs(m[pivot][p]) < 1e-9 * observations.size()) {
        return null;
      }
      double[] tmp = m[p];
      m[p] = m[pivot];
      m[pivot] = tmp;
      for (int r = 0; r < k; r++) {
        if (r != p) {
          double f = m[r][p] / m[p][p];
          for (int c = p; c <= k; c++) {
            m[r][c] -= f * m[p][c];
          }
        }
      }
    }
    double[] beta = new double[3];
    for (int i = 0; i < k; i++) {
      beta[cols[i]] = m[i][k] / m[i][i] / scale[i];
    }
    return beta;
  }

  private static double column(Observation o, int j) {
    return switch (j) {
      case 0 -> 1.0;
      case 1 -> o.key().compute();
      default -> o.key().payloadBytes();
    };
  }
}
