package io.gridbench.runner.strategy.ray;

/** A remote function that fails for one task seed, as a crashed RayTasks worker would. */
public final class FailingKernelTask {
  static volatile long failingSeed;

  private FailingKernelTask() {}

  public static byte[] run(long seed, long compute, int resultBytes, byte[] payload) {
    if (seed == failingSeed) {
      throw new IllegalStateException("worker lost");
    }
    return KernelTask.run(seed, compute, resultBytes, payload);
  }
}
