package io.gridbench.runner.strategy.process;

/**
 * The wire format between the ProcessPool driver and its worker processes, over the worker's stdin
 * (requests) and stdout (responses), big-endian except for the results' own bytes.
 *
 * <pre>
 * request  := CHUNK_PIPE count:int resultBytes:int (seed:long compute:long payloadLen:int payload)*
 *           | CHUNK_SHM  count:int resultBytes:int (seed:long compute:long payloadLen:int offset:long)*
 *           | MAP_SHM pathLen:int path:utf8
 *           | EXIT
 * response := READY | RESULTS count:int result*   (each result resultBytes long)
 * </pre>
 *
 * Every task of a cell returns the same number of bytes, so a chunk states it once and the results
 * follow back to back.
 */
final class PoolProtocol {
  static final int READY = 0x67620001;
  static final int CHUNK_PIPE = 1;
  static final int CHUNK_SHM = 2;
  static final int MAP_SHM = 3;
  static final int EXIT = 4;
  static final int RESULTS = 5;

  /** Bytes of a chunk's header (op, count, resultBytes) and of each task's fixed fields. */
  static final int CHUNK_HEADER = 12;

  static final int TASK_HEADER = 20;
  static final int SHM_OFFSET = 8;

  private PoolProtocol() {}

  /** Bytes of the RESULTS response to a chunk of {@code count} tasks. */
  static long resultsLength(int count, int resultBytes) {
    return 8 + (long) count * resultBytes;
  }

  static void putInt(byte[] out, int offset, int v) {
    out[offset] = (byte) (v >>> 24);
    out[offset + 1] = (byte) (v >>> 16);
    out[offset + 2] = (byte) (v >>> 8);
    out[offset + 3] = (byte) v;
  }

  static void putLong(byte[] out, int offset, long v) {
    putInt(out, offset, (int) (v >>> 32));
    putInt(out, offset + 4, (int) v);
  }
}
