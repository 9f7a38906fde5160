package io.gridbench.api.results;

/** The textual form of cell checksums: 16 lower-case hex digits. */
public final class Checksums {
  private Checksums() {}

  public static String format(long checksum) {
    return String.format("%016x", checksum);
  }

  public static long parse(String text) {
    return Long.parseUnsignedLong(text, 16);
  }
}
