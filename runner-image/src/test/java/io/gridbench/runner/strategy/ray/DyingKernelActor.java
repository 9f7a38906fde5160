package io.gridbench.runner.strategy.ray;

import io.ray.api.exception.RayActorException;

/**
 * A kernel actor that dies after a fixed number of calls (start-up ping included). Ray's LOCAL mode
 * cannot kill an actor (killActor is unsupported, exitActor does nothing), so a dead actor fails
 * every later call with the RayActorException a cluster reports for the calls of a killed actor.
 *
 * <p>Every instance of a subclass dies the same way: a test's actors share no mutable state with
 * other tests, whose actors Ray may still be constructing or calling on their own threads.
 */
public abstract class DyingKernelActor extends KernelActor {
  private final int callsBeforeDeath;
  private int calls;

  DyingKernelActor(int callsBeforeDeath) {
    this.callsBeforeDeath = callsBeforeDeath;
  }

  /** Dies at its start-up ping: the pool cannot open. */
  public static final class AtStart extends DyingKernelActor {
    public AtStart() {
      super(0);
    }
  }

  /** Answers its start-up ping and one call, then dies with calls still queued. */
  public static final class AfterTwoCalls extends DyingKernelActor {
    public AfterTwoCalls() {
      super(2);
    }
  }

  /** Answers its start-up ping and three calls, then dies with calls still queued. */
  public static final class AfterFourCalls extends DyingKernelActor {
    public AfterFourCalls() {
      super(4);
    }
  }

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
    if (calls++ >= callsBeforeDeath) {
      throw new RayActorException();
    }
  }
}
