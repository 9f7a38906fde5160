package io.gridbench.runner.strategy.ray;

import io.gridbench.runner.workload.Kernel;

/** The stateless Ray remote function of RayTasks: one call runs one task. */
public final class KernelTask {
  private KernelTask() {}

  /**
   * Runs one task and returns its result bytes; Ray finds it by name, so it stays public static.
   */
  public static byte[] run(long seed, long compute, int resultBytes, byte[] payload) {
    return Kernel.result(Kernel.runTask(seed, compute, RayBytes.orEmpty(payload)), resultBytes);
  }
}
