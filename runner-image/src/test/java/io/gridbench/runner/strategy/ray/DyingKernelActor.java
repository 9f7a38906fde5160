package io.gridbench.runner.strategy.ray;

import io.ray.api.exception.RayActorException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kernel actor whose first instances die after a number of calls (start-up ping included). Ray's
 * LOCAL mode cannot kill an actor (killActor is unsupported, exitActor does nothing), so the victim
 * fails every later call with the RayActorException a cluster reports for the calls of a killed
 * actor.
 */
public class DyingKernelActor extends KernelActor {
  /** How many actors still to be created will die; set before creating them. */
  static final AtomicInteger VICTIMS = new AtomicInteger();

  /** Calls each victim answers before it dies. */
  static volatile int callsBeforeDeath;

  private final boolean victim = VICTIMS.getAndDecrement() > 0;
  private int calls;

  public DyingKernelActor() {}

  @Override
  public boolean ready() {
    dieIfDue();
    return super.ready();
  }

  @Override
  public byte[] runTask(long seed, long compute, int resultBytes, byte[] payload) {
    dieIfDue();
    return super.runTask(seed, compute, resultBytes, payload);
  }

  @Override
  public byte[] runChunk(
      long[] seeds, long compute, int resultBytes, int payloadBytes, byte[] payloads) {
    dieIfDue();
    return super.runChunk(seeds, compute, resultBytes, payloadBytes, payloads);
  }

  private void dieIfDue() {
    if (victim && calls++ >= callsBeforeDeath) {
      throw new RayActorException();
    }
  }
}
