package io.gridbench.runner.compare;

import java.util.Arrays;

/**
 * The two-sided Mann-Whitney U test: do two sets of samples come from the same distribution? Exact
 * for small samples without ties, normal approximation with tie correction otherwise.
 */
public final class MannWhitney {
  private static final int EXACT_LIMIT = 30;

  private MannWhitney() {}

  /** Two-sided p-value for samples {@code a} and {@code b}. */
  public static double pValue(double[] a, double[] b) {
    int n1 = a.length;
    int n2 = b.length;
    if (n1 == 0 || n2 == 0) {
      return 1.0;
    }
    double[] all = new double[n1 + n2];
    System.arraycopy(a, 0, all, 0, n1);
    System.arraycopy(b, 0, all, n1, n2);
    double[] sorted = all.clone();
    Arrays.sort(sorted);
    boolean ties = false;
    double tieTerm = 0;
    for (int i = 0; i < sorted.length; ) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      int t = j - i;
      if (t > 1) {
        ties = true;
        tieTerm += (double) t * t * t - t;
      }
      i = j;
    }
    double rankSumA = 0;
    for (double v : a) {
      rankSumA += midRank(sorted, v);
    }
    double u = rankSumA - n1 * (n1 + 1) / 2.0;
    if (!ties && n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) {
      return exact((int) Math.round(u), n1, n2);
    }
    double n = n1 + n2;
    double mean = n1 * n2 / 2.0;
    double variance = n1 * n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1)));
    if (variance <= 0) {
      return 1.0;
    }
    double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
    return Math.min(1.0, 2 * (1 - normalCdf(Math.max(0, z))));
  }

  /**
   * The smallest p-value samples of these sizes can give (completely separated samples): 2 / C(n1 +
   * n2, n1) for the exact test. Below alpha divided by the number of cells, a correction leaves no
   * cell significant however large the difference.
   */
  public static double smallestPValue(int n1, int n2) {
    double[] a = new double[n1];
    double[] b = new double[n2];
    for (int i = 0; i < n1; i++) {
      a[i] = i;
    }
    for (int i = 0; i < n2; i++) {
      b[i] = n1 + i;
    }
    return pValue(a, b);
  }

  private static double midRank(double[] sorted, double v) {
    int lo = 0;
    while (sorted[lo] < v) {
      lo++;
    }
    int hi = lo;
    while (hi + 1 < sorted.length && sorted[hi + 1] == v) {
      hi++;
    }
    return (lo + hi) / 2.0 + 1;
  }

  /** 2 min(P(U <= u), P(U >= u)) from the exact null distribution of U. */
  static double exact(int u, int n1, int n2) {
    int max = n1 * n2;
    // counts[m][k] = number of arrangements of m a-values among the first values giving U = k.
    double[][] prev = new double[n2 + 1][max + 1];
    for (int j = 0; j <= n2; j++) {
      prev[j][0] = 1;
    }
    for (int i = 1; i <= n1; i++) {
      double[][] cur = new double[n2 + 1][max + 1];
      cur[0][0] = 1;
      for (int j = 1; j <= n2; j++) {
        for (int k = 0; k <= i * j; k++) {
          double v = cur[j - 1][k];
          if (k - j >= 0) {
            v += prev[j][k - j];
          }
          cur[j][k] = v;
        }
      }
      prev = cur;
    }
    double[] dist = prev[n2];
    double total = 0;
    for (double d : dist) {
      total += d;
    }
    double lower = 0;
    for (int k = 0; k <= u; k++) {
      lower += dist[k];
    }
    double upper = 0;
    for (int k = u; k <= max; k++) {
      upper += dist[k];
    }
    return Math.min(1.0, 2 * Math.min(lower, upper) / total);
  }

  /** Standard normal CDF (Abramowitz and Stegun 7.1.26 via erf, error below 1.5e-7). */
  static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf =
        1
            - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                    + 0.254829592)
                * t
                * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
