package io.gridbench.runner.strategy.ray;

import java.util.Arrays;

/** A kernel actor that returns one byte too few, as a corrupted transfer would. */
public class TruncatingKernelActor extends KernelActor {
  public TruncatingKernelActor() {}

  @Override
  public byte[] runTask(long seed, long compute, int resultBytes, byte[] payload) {
    byte[] result = super.runTask(seed, compute, resultBytes, payload);
    return Arrays.copyOf(result, result.length - 1);
  }

  @Override
  public byte[] runChunk(
      long[] seeds, long compute, int resultBytes, int payloadBytes, byte[] payloads) {
    byte[] results = super.runChunk(seeds, compute, resultBytes, payloadBytes, payloads);
    return Arrays.copyOf(results, results.length - 1);
  }
}
