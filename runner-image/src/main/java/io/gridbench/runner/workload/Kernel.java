package io.gridbench.runner.workload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The workload every strategy runs: pure and deterministic, so every strategy must produce the same
 * digests for the same cell.
 *
 * <ul>
 *   <li>compute: {@code compute} rounds of SplitMix64, xor-accumulated;
 *   <li>network: one 64-bit FNV-1a pass over the payload's 8-byte little-endian words, trailing
 *       bytes one by one;
 *   <li>digest: the SplitMix64 mix of the task seed and both, returned in the first 8 bytes of the
 *       task result. The seed is in it so that tasks of an empty cell still differ.
 * </ul>
 */
public final class Kernel {

  public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  public static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  public static final long FNV_PRIME = 0x100000001b3L;

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Kernel() {}

  /** The SplitMix64 finalizer (Steele, Lea and Flood 2014). */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** {@code iterations} SplitMix64 rounds from {@code seed}, xor-accumulated. */
  public static long compute(long seed, long iterations) {
    long s = seed;
    long acc = 0;
    for (long i = 0; i < iterations; i++) {
      s += GOLDEN_GAMMA;
      acc ^= mix(s);
    }
    return acc;
  }

  /** FNV-1a over {@code len} bytes of {@code data} from {@code offset}. */
  public static long hashPayload(byte[] data, int offset, int len) {
    int words = len & ~7;
    return hashTail(
        hashWords(FNV_OFFSET_BASIS, data, offset, words), data, offset + words, len - words);
  }

  /**
   * Continues an FNV-1a state over {@code len} bytes, a multiple of 8, read as little-endian words.
   * Hashing a payload block by block (blocks at multiples of 8) equals one pass over it, which lets
   * a worker hash a payload while the rest of it is still arriving.
   */
  public static long hashWords(long h, byte[] data, int offset, int len) {
    int end = offset + len;
    for (int i = offset; i < end; i += 8) {
      h ^= (long) LONG_LE.get(data, i);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** Continues an FNV-1a state over the last {@code len} (fewer than 8) bytes, one by one. */
  public static long hashTail(long h, byte[] data, int offset, int len) {
    for (int i = offset; i < offset + len; i++) {
      h ^= (data[i] & 0xFF);
      h *= FNV_PRIME;
    }
    return h;
  }

  /**
   * FNV-1a over the remaining bytes of {@code buffer} (position to limit), without moving the
   * buffer's position. Works on heap and memory-mapped buffers alike.
   */
  public static long hashPayload(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      return hashPayload(
          buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
    ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int words = b.remaining() & ~7;
    long h = hashWords(FNV_OFFSET_BASIS, b, b.position(), words);
    for (int i = b.position() + words; i < b.limit(); i++) {
      h ^= (b.get(i) & 0xFF);
      h *= FNV_PRIME;
    }
    return h;
  }

  /**
   * {@link #hashWords(long, byte[], int, int)} over a little-endian buffer (heap, direct or
   * mapped), by absolute index: the buffer's position does not move.
   */
  public static long hashWords(long h, ByteBuffer littleEndian, int offset, int len) {
    int end = offset + len;
    for (int i = offset; i < end; i += 8) {
      h ^= littleEndian.getLong(i);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** The task digest from its seed, compute accumulator and payload hash. */
  public static long digest(long seed, long computeAcc, long payloadHash) {
    return mix(seed ^ computeAcc ^ Long.rotateLeft(payloadHash, 17));
  }

  /** Runs one task: compute, then a pass over the payload. Returns the task's digest. */
  public static long runTask(long seed, long iterations, ByteBuffer payload) {
    return digest(seed, compute(seed, iterations), hashPayload(payload));
  }

  /** Runs one task over a heap payload. */
  public static long runTask(long seed, long iterations, byte[] payload) {
    return digest(seed, compute(seed, iterations), hashPayload(payload, 0, payload.length));
  }

  /**
   * The seed of task {@code taskIndex} of a cell: a function of the cell's coordinates and the
   * index, so every task of a cell has its own digest and the cell checksum detects lost tasks.
   */
  public static long taskSeed(long compute, long payloadBytes, int taskIndex) {
    return mix(mix(compute * GOLDEN_GAMMA + payloadBytes) + taskIndex * GOLDEN_GAMMA);
  }

  /** Fills {@code out} with the deterministic payload of the task with {@code taskSeed}. */
  public static void fillPayload(byte[] out, long taskSeed) {
    fillStream(out, 0, out.length, mix(taskSeed ^ 0x5DEECE66DL));
  }

  /**
   * Writes a task result into {@code out[offset, offset+len)}: the digest as 8 little-endian bytes,
   * then deterministic filler. {@code len} is at least 8.
   */
  public static void writeResult(byte[] out, int offset, int len, long digest) {
    putLongLe(out, offset, digest);
    fillStream(out, offset + 8, len - 8, digest);
  }

  /** A freshly allocated task result of {@code resultBytes} bytes. */
  public static byte[] result(long digest, int resultBytes) {
    byte[] out = new byte[resultBytes];
    writeResult(out, 0, resultBytes, digest);
    return out;
  }

  /** The digest in the first 8 bytes of a task result. */
  public static long digestOf(byte[] result, int offset) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (result[offset + i] & 0xFF);
    }
    return v;
  }

  private static void fillStream(byte[] out, int offset, int len, long seed) {
    long s = seed;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      s += GOLDEN_GAMMA;
      putLongLe(out, offset + i, mix(s));
    }
    if (i < len) {
      s += GOLDEN_GAMMA;
      long last = mix(s);
      for (; i < len; i++) {
        out[offset + i] = (byte) last;
        last >>>= 8;
      }
    }
  }

  private static void putLongLe(byte[] out, int offset, long v) {
    for (int i = 0; i < 8; i++) {
      out[offset + i] = (byte) (v >>> (8 * i));
    }
  }
}
