package io.gridbench.runner.strategy.ray;

/**
 * Byte arrays crossing a Ray cluster. Ray's Java serializer stores a {@code byte[]} as a raw
 * buffer, and a zero-length buffer comes back as {@code null} on the other side, as an argument and
 * as a return value (Ray 2.58; LOCAL mode passes the array itself). Every {@code byte[]} a remote
 * call receives or returns goes through {@link #orEmpty} so that payload 0 means empty.
 */
final class RayBytes {
  private static final byte[] EMPTY = new byte[0];

  private RayBytes() {}

  /** {@code bytes}, or an empty array for the {@code null} a cluster makes of one. */
  static byte[] orEmpty(byte[] bytes) {
    return bytes == null ? EMPTY : bytes;
  }
}
