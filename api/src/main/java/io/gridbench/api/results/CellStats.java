package io.gridbench.api.results;

import java.util.Arrays;
import java.util.List;

/** Summary statistics of one cell's samples, in seconds. */
public record CellStats(int n, double min, double median, double mean, double stddev, double max) {

  /** Statistics of {@code samples}; the standard deviation is the sample one (n - 1). */
  public static CellStats of(List<Double> samples) {
    if (samples == null || samples.isEmpty()) {
      throw new IllegalArgumentException("a cell needs at least one sample");
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
    double sq = 0;
    for (double v : sorted) {
      sq += (v - mean) * (v - mean);
    }
    double stddev = n > 1 ? Math.sqrt(sq / (n - 1)) : 0.0;
    return new CellStats(n, sorted[0], median, mean, stddev, sorted[n - 1]);
  }

  /** Relative spread: (max - min) / median, 0 when the median is 0. */
  public double relativeSpread() {
    return median > 0 ? (max - min) / median : 0.0;
  }
}
