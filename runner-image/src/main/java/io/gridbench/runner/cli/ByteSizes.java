package io.gridbench.runner.cli;

/** Byte counts for people: 0, 512B, 1KiB, 1.5MiB. */
final class ByteSizes {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB"};

  private ByteSizes() {}

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    double v = bytes;
    int unit = 0;
    while (v >= 1024 && unit < UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.1f", v)) + UNITS[unit];
  }
}
