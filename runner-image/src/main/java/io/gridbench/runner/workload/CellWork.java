package io.gridbench.runner.workload;

import io.gridbench.api.results.CellKey;

/**
 * The prepared work of one cell: task seeds and payloads made before timing starts, so that payload
 * generation is never part of a sample.
 */
public final class CellWork {
  private final CellKey key;
  private final long[] seeds;
  private final byte[][] payloads;
  private final int resultBytes;

  private CellWork(CellKey key, long[] seeds, byte[][] payloads, int resultBytes) {
    this.key = key;
    this.seeds = seeds;
    this.payloads = payloads;
    this.resultBytes = resultBytes;
  }

  /**
   * Prepares the tasks of the cell at {@code key}. The pool size is no part of the work: the key
   * kept is {@link CellKey#work()}.
   */
  public static CellWork prepare(CellKey key, long resultBytes) {
    return prepare(key.compute(), key.payloadBytes(), key.tasks(), resultBytes);
  }

  /** Prepares {@code tasks} tasks of {@code compute} iterations on {@code payloadBytes} each. */
  public static CellWork prepare(long compute, long payloadBytes, int tasks, long resultBytes) {
    CellKey key = new CellKey(compute, payloadBytes, CellKey.STRATEGY_WORKERS, tasks);
    long[] seeds = new long[tasks];
    byte[][] payloads = new byte[tasks][];
    for (int i = 0; i < tasks; i++) {
      seeds[i] = Kernel.taskSeed(key.compute(), key.payloadBytes(), i);
      payloads[i] = new byte[Math.toIntExact(key.payloadBytes())];
      Kernel.fillPayload(payloads[i], seeds[i]);
    }
    return new CellWork(key, seeds, payloads, Math.toIntExact(resultBytes));
  }

  /** The cell's work coordinates: compute, payload bytes and tasks (workers are not part). */
  public CellKey key() {
    return key;
  }

  public long compute() {
    return key.compute();
  }

  public int payloadBytes() {
    return (int) key.payloadBytes();
  }

  public int tasks() {
    return seeds.length;
  }

  public long seed(int task) {
    return seeds[task];
  }

  public byte[] payload(int task) {
    return payloads[task];
  }

  public int resultBytes() {
    return resultBytes;
  }

  /** Runs task {@code task} in the calling thread and returns its result bytes. */
  public byte[] runTask(int task) {
    return Kernel.result(Kernel.runTask(seeds[task], key.compute(), payloads[task]), resultBytes);
  }

  /** The digest in a returned task result, after checking its length. */
  public long digestOf(int task, byte[] result) {
    if (result == null || result.length != resultBytes) {
      throw new IllegalStateException(
          "task "
              + task
              + " of cell "
              + key
              + " returned "
              + (result == null ? "nothing" : result.length + " bytes")
              + "; expected "
              + resultBytes);
    }
    return Kernel.digestOf(result, 0);
  }

  /** The checksum a correct strategy reports for this cell, computed here in one thread. */
  public long referenceChecksum() {
    long checksum = 0;
    for (int i = 0; i < tasks(); i++) {
      checksum ^= Kernel.runTask(seeds[i], key.compute(), payloads[i]);
    }
    return checksum;
  }
}
