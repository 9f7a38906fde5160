package io.gridbench.runner.report;

import java.util.Locale;

/** Durations, byte counts and counts as people read them in charts and tables. */
final class Units {
  private Units() {}

  static String seconds(double s) {
    if (Double.isNaN(s)) {
      return "–";
    }
    double a = Math.abs(s);
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.3g s", s);
    }
    if (a >= 1e-3) {
      return String.format(Locale.ROOT, "%.3g ms", s * 1e3);
    }
    if (a >= 1e-6) {
      return String.format(Locale.ROOT, "%.3g µs", s * 1e6);
    }
    return String.format(Locale.ROOT, "%.3g ns", s * 1e9);
  }

  static String bytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v))
        + " "
        + units[u];
  }

  /** 0, 500, 20k, 1.5M, 10G: compact labels for kernel iterations. */
  static String count(long n) {
    if (n < 1000) {
      return Long.toString(n);
    }
    String[] suffix = {"k", "M", "G", "T"};
    double v = n;
    int s = -1;
    while (v >= 1000 && s < suffix.length - 1) {
      v /= 1000;
      s++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v))
        + suffix[s];
  }
}
