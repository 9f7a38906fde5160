package io.gridbench.api.results;

/**
 * The distribution-free confidence interval of a median from order statistics: with n samples the
 * interval [x(k), x(n+1-k)] covers the true median with probability 1 - 2 P(Bin(n, 1/2) < k).
 */
public final class MedianInterval {
  private MedianInterval() {}

  /**
   * The largest rank k (1-based) whose interval still reaches {@code confidence}; 1 (the range of
   * the samples) when there are too few samples to reach it.
   */
  public static int lowerRank(int n, double confidence) {
    double alphaHalf = (1 - confidence) / 2;
    int best = 1;
    for (int k = 1; k <= (n + 1) / 2; k++) {
      if (binomialCdf(k - 1, n) <= alphaHalf) {
        best = k;
      } else {
        break;
      }
    }
    return best;
  }

  /** Coverage of the interval [x(k), x(n+1-k)]. */
  public static double coverage(int n, int k) {
    return 1 - 2 * binomialCdf(k - 1, n);
  }

  /** P(Bin(n, 1/2) <= x). */
  static double binomialCdf(int x, int n) {
    if (x < 0) {
      return 0;
    }
    // Sum in log space: n can reach thousands of repetitions.
    double sum = 0;
    double logHalfN = n * Math.log(0.5);
    double logChoose = 0;
    for (int i = 0; i <= x; i++) {
      if (i > 0) {
        logChoose += Math.log(n - i + 1) - Math.log(i);
      }
      sum += Math.exp(logChoose + logHalfN);
    }
    return Math.min(1, sum);
  }
}
