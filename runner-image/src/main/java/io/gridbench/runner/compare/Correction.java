package io.gridbench.runner.compare;

import java.util.Arrays;
import java.util.Comparator;

/** A multiple-testing correction of the p-values of one comparison's cells. */
public enum Correction {
  /**
   * Holm's step-down method: controls the family-wise error rate (the chance of any false alarm
   * among all cells) at alpha, and is uniformly more powerful than Bonferroni.
   */
  holm,
  /** Each cell tested alone: with m cells, expect about alpha x m false alarms. */
  none;

  /** The adjusted p-values of {@code p}, in the same order; each at least its raw p, at most 1. */
  public double[] adjust(double[] p) {
    if (this == none) {
      return p.clone();
    }
    int m = p.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] adjusted = new double[m];
    // Step-down: the k-th smallest p (0-based) is multiplied by m - k, and adjusted p-values are
    // made monotone so a cell is never significant while a smaller p is not.
    double running = 0;
    for (int k = 0; k < m; k++) {
      int i = order[k];
      running = Math.max(running, Math.min(1.0, (m - k) * p[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }
}
