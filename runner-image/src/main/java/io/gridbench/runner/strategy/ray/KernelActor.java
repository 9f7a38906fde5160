package io.gridbench.runner.strategy.ray;

import io.gridbench.runner.workload.Kernel;
import io.ray.api.Ray;
import java.nio.ByteBuffer;

/**
 * The Ray actor that runs the kernel for RayPool (a chunk per call) and RayActors (a task per
 * call). Ray instantiates it reflectively, in this JVM in LOCAL mode or in a Java worker of the
 * cluster: it must stay public, with a public no-arg constructor and no state the driver relies on.
 */
public class KernelActor {

  public KernelActor() {}

  /** Answers once the actor is constructed: waiting for it keeps start-up out of later calls. */
  public boolean ready() {
    return true;
  }

  /** The id (hex) of the Ray node this actor runs on; answers once the actor is constructed. */
  public String node() {
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  /** Runs one task and returns its result bytes. */
  public byte[] runTask(long seed, long compute, int resultBytes, byte[] payload) {
    return Kernel.result(Kernel.runTask(seed, compute, RayBytes.orEmpty(payload)), resultBytes);
  }

  /**
   * Runs a chunk of tasks whose payloads of {@code payloadBytes} each are concatenated in {@code
   * payloads}; returns their results concatenated, {@code resultBytes} each, in task order.
   */
  public byte[] runChunk(
      long[] seeds, long compute, int resultBytes, int payloadBytes, byte[] payloads) {
    byte[] all = RayBytes.orEmpty(payloads);
    byte[] results = new byte[Math.multiplyExact(seeds.length, resultBytes)];
    for (int i = 0; i < seeds.length; i++) {
      long digest =
          Kernel.runTask(seeds[i], compute, ByteBuffer.wrap(all, i * payloadBytes, payloadBytes));
      Kernel.writeResult(results, i * resultBytes, resultBytes, digest);
    }
    return results;
  }
}
