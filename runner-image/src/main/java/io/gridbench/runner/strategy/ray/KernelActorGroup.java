package io.gridbench.runner.strategy.ray;

import io.gridbench.runner.strategy.StrategyException;
import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.exception.RayException;
import io.ray.api.function.RayFunc0;
import java.util.ArrayList;
import java.util.List;

/** The kernel actors of one pool: created together, killed together. */
final class KernelActorGroup implements AutoCloseable {
  private final RaySession session;
  private final List<ActorHandle<KernelActor>> actors;

  private KernelActorGroup(RaySession session, List<ActorHandle<KernelActor>> actors) {
    this.session = session;
    this.actors = actors;
  }

  /**
   * Asks Ray for {@code size} actors made by {@code factory}. Creation is asynchronous: the first
   * call to an actor waits behind its construction.
   */
  @SuppressWarnings("unchecked")
  static KernelActorGroup create(
      RaySession session, RayFunc0<? extends KernelActor> factory, int size) {
    List<ActorHandle<KernelActor>> actors = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      // The factory may make a subclass; its handle answers KernelActor's methods all the same.
      actors.add((ActorHandle<KernelActor>) (ActorHandle<?>) Ray.actor(factory).remote());
    }
    return new KernelActorGroup(session, actors);
  }

  /** Blocks until every actor is constructed, so that no sample includes actor start-up. */
  void awaitReady(String strategy) throws StrategyException {
    List<ObjectRef<Boolean>> pings = new ArrayList<>(actors.size());
    for (ActorHandle<KernelActor> actor : actors) {
      pings.add(actor.task(KernelActor::ready).remote());
    }
    for (int i = 0; i < pings.size(); i++) {
      try {
        Ray.get(pings.get(i));
      } catch (RayException e) {
        throw new StrategyException(
            strategy
                + ": actor "
                + i
                + " did not start ("
                + RayCallFailure.firstLine(RayCallFailure.rootCause(e))
                + ")",
            e);
      }
    }
  }

  ActorHandle<KernelActor> get(int index) {
    return actors.get(index);
  }

  int size() {
    return actors.size();
  }

  /**
   * Kills the actors in a cluster. LOCAL mode cannot kill actors (its runtime throws
   * UnsupportedOperationException): their idle threads stay until Ray shuts down.
   */
  @Override
  public void close() {
    if (session.isLocal()) {
      return;
    }
    for (ActorHandle<KernelActor> actor : actors) {
      try {
        actor.kill();
      } catch (RuntimeException alreadyGone) {
        // A dead actor or a lost connection: either way there is nothing left to kill.
      }
    }
  }
}
