package io.gridbench.api.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Summary statistics of one cell's samples, in seconds: the median with a distribution-free
 * confidence interval from order statistics, and the samples outside Tukey's fences.
 *
 * @param ciLow lower end of the median's confidence interval
 * @param ciHigh upper end of the median's confidence interval
 * @param ciConfidence the interval's actual coverage (at most {@link #TARGET_CONFIDENCE}; less when
 *     there are too few samples for it, e.g. 0.9375 for [min, max] of 5 samples)
 * @param outliers indices (into the samples, in measurement order) beyond 1.5 IQR of the quartiles
 */
public record CellStats(
    int n,
    double min,
    double median,
    double mean,
    double stddev,
    double max,
    double ciLow,
    double ciHigh,
    double ciConfidence,
    List<Integer> outliers) {

  /** The confidence the median interval aims for. */
  public static final double TARGET_CONFIDENCE = 0.95;

  public CellStats {
    outliers = outliers == null ? List.of() : List.copyOf(outliers);
  }

  /** Statistics of {@code samples}; the standard deviation is the sample one (n - 1). */
  public static CellStats of(List<Double> samples) {
    if (samples == null || samples.isEmpty()) {
      throw new IllegalArgumentException("a cell needs at least one sample");
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
    double sq = 0;
    for (double v : sorted) {
      sq += (v - mean) * (v - mean);
    }
    double stddev = n > 1 ? Math.sqrt(sq / (n - 1)) : 0.0;
    int k = MedianInterval.lowerRank(n, TARGET_CONFIDENCE);
    double q1 = quantile(sorted, 0.25);
    double q3 = quantile(sorted, 0.75);
    double iqr = q3 - q1;
    List<Integer> outliers = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      double v = samples.get(i);
      if (n >= 4 && (v < q1 - 1.5 * iqr || v > q3 + 1.5 * iqr)) {
        outliers.add(i);
      }
    }
    return new CellStats(
        n,
        sorted[0],
        quantile(sorted, 0.5),
        mean,
        stddev,
        sorted[n - 1],
        sorted[k - 1],
        sorted[n - k],
        MedianInterval.coverage(n, k),
        outliers);
  }

  /** Relative spread: (max - min) / median, 0 when the median is 0. */
  public double relativeSpread() {
    return median > 0 ? (max - min) / median : 0.0;
  }

  /** Width of the median's confidence interval relative to the median, 0 when the median is 0. */
  public double relativeCiWidth() {
    return median > 0 ? (ciHigh - ciLow) / median : 0.0;
  }

  /** Linear-interpolation quantile (type 7) of sorted values. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = (int) Math.ceil(h);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
