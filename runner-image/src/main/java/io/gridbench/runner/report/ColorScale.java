package io.gridbench.runner.report;

import java.util.Locale;

/** Perceptually even colour ramps for heatmaps: viridis for costs, red-white-green for ratios. */
final class ColorScale {
  private static final int[][] VIRIDIS = {
    {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142},
    {31, 158, 137}, {53, 183, 121}, {109, 205, 89}, {180, 222, 44}, {253, 231, 37}
  };
  private static final int[][] DIVERGING = {{178, 24, 43}, {247, 247, 247}, {26, 150, 65}};

  private ColorScale() {}

  /** Viridis at {@code t} in [0, 1]. */
  static String viridis(double t) {
    return ramp(VIRIDIS, t);
  }

  /** Red (0) through white (0.5) to green (1). */
  static String diverging(double t) {
    return ramp(DIVERGING, t);
  }

  /** Black or white, whichever reads better on {@code hex}. */
  static String textOn(String hex) {
    int r = Integer.parseInt(hex.substring(1, 3), 16);
    int g = Integer.parseInt(hex.substring(3, 5), 16);
    int b = Integer.parseInt(hex.substring(5, 7), 16);
    double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return luminance > 140 ? "#000000" : "#ffffff";
  }

  private static String ramp(int[][] stops, double t) {
    double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (stops.length - 1);
    int i = Math.min(stops.length - 2, (int) Math.floor(x));
    double f = x - i;
    int[] a = stops[i];
    int[] b = stops[i + 1];
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        Math.round(a[0] + f * (b[0] - a[0])),
        Math.round(a[1] + f * (b[1] - a[1])),
        Math.round(a[2] + f * (b[2] - a[2])));
  }
}
