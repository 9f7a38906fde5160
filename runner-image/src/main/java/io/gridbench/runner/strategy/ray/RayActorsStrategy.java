package io.gridbench.runner.strategy.ray;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.strategy.PoolMapChunks;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.WaitResult;
import io.ray.api.exception.RayException;
import io.ray.api.function.RayFunc0;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom actor setup, built for the lowest overhead Ray allows: one long-lived actor per
 * worker, started before the grid; one call per task; large payloads put in the object store once
 * and passed by reference; each actor kept a Pool chunk of calls ahead and refilled as its calls
 * finish ({@code Ray.wait} on each actor's oldest call); results consumed as they arrive.
 * docs/ray.md explains each choice.
 */
public final class RayActorsStrategy implements Strategy {
  private static final String NAME = "RayActors";

  private static final int MIN_DEPTH = 2;

  private final RaySession session;
  private final int workers;
  private final RayFunc0<? extends KernelActor> actorFactory;
  private final Map<String, Double> actorResources;
  private KernelActorGroup actors;

  /** {@code workers} actors each holding {@code actorResources} (none: anywhere). */
  public RayActorsStrategy(RaySession session, int workers, Map<String, Double> actorResources) {
    this(session, workers, KernelActor::new, actorResources);
  }

  /** With actors made by {@code actorFactory}: tests pass actors that die. */
  RayActorsStrategy(RaySession session, int workers, RayFunc0<? extends KernelActor> actorFactory) {
    this(session, workers, actorFactory, Map.of());
  }

  private RayActorsStrategy(
      RaySession session,
      int workers,
      RayFunc0<? extends KernelActor> actorFactory,
      Map<String, Double> actorResources) {
    this.session = session;
    this.workers = workers;
    this.actorFactory = actorFactory;
    this.actorResources = Map.copyOf(actorResources);
  }

  /**
   * Calls queued per actor: a {@code Pool.map} chunk's worth, so load balance is never worse than
   * RayPool's and only a quarter of a cell is handed out before the first result; at least 2, so an
   * actor has its next call while the driver reacts to the last. Deep queues matter in LOCAL mode,
   * whose {@code Ray.wait} polls every millisecond: with 2000 empty tasks on 2 actors, a depth of 8
   * costs about 100 µs per task, a depth of 250 about 23 µs (docs/ray.md).
   */
  public static int depth(int tasks, int actors) {
    return Math.max(MIN_DEPTH, PoolMapChunks.defaultSize(tasks, actors));
  }

  @Override
  public void open() throws StrategyException {
    KernelActorGroup.requirePlacement(session, NAME, workers, actorResources);
    actors = KernelActorGroup.create(session, actorFactory, workers, actorResources);
    actors.awaitReady(NAME);
  }

  @Override
  public long runCell(CellWork cell) throws StrategyException {
    RayObjects objects = new RayObjects();
    Map<ObjectRef<byte[]>, int[]> pending = new IdentityHashMap<>();
    // Each actor's calls, oldest first. An actor runs its calls in the order they were sent, so
    // only the oldest of each can be the next to finish: the driver waits on those few, not on
    // every call in flight (a JNI call over hundreds of refs per task cost RayActors ~200 µs per
    // task on a cluster, docs/ray.md).
    List<ArrayDeque<ObjectRef<byte[]>>> queues = new ArrayList<>(actors.size());
    for (int a = 0; a < actors.size(); a++) {
      queues.add(new ArrayDeque<>());
    }
    int next = 0;
    int depth = depth(cell.tasks(), actors.size());
    for (int round = 0; round < depth; round++) {
      for (int a = 0; a < actors.size() && next < cell.tasks(); a++) {
        queues.get(a).addLast(submit(cell, a, next++, objects, pending));
      }
    }
    long checksum = 0;
    int done = 0;
    List<ObjectRef<byte[]>> oldest = new ArrayList<>(actors.size());
    while (done < cell.tasks()) {
      oldest.clear();
      for (ArrayDeque<ObjectRef<byte[]>> queue : queues) {
        if (!queue.isEmpty()) {
          oldest.add(queue.peekFirst());
        }
      }
      // At least one is reported; each ready call is consumed and its actor given the next task.
      WaitResult<byte[]> wait = Ray.wait(oldest, 1);
      for (ObjectRef<byte[]> ready : wait.getReady()) {
        int[] call = pending.remove(ready);
        int actor = call[0];
        int task = call[1];
        queues.get(actor).pollFirst();
        byte[] result;
        try {
          result = RayBytes.orEmpty(Ray.get(ready));
        } catch (RayException e) {
          throw RayCallFailure.of(NAME, "actor " + actor, cell, e);
        }
        checksum ^= RayCallFailure.digest(NAME, cell, task, result);
        done++;
        if (next < cell.tasks()) {
          queues.get(actor).addLast(submit(cell, actor, next++, objects, pending));
        }
      }
    }
    // Only now that every call has finished: in LOCAL mode a call whose argument was freed
    // before it ran would wait for it forever. A failed cell leaves its objects to Ray.
    objects.free();
    return checksum;
  }

  private ObjectRef<byte[]> submit(
      CellWork cell,
      int actor,
      int task,
      RayObjects objects,
      Map<ObjectRef<byte[]>, int[]> pending) {
    ActorHandle<KernelActor> handle = actors.get(actor);
    byte[] payload = cell.payload(task);
    ObjectRef<byte[]> result;
    if (RayObjects.byReference(payload)) {
      ObjectRef<byte[]> stored = objects.put(payload);
      result =
          handle
              .task(
                  KernelActor::runTask, cell.seed(task), cell.compute(), cell.resultBytes(), stored)
              .remote();
    } else {
      result =
          handle
              .task(
                  KernelActor::runTask,
                  cell.seed(task),
                  cell.compute(),
                  cell.resultBytes(),
                  payload)
              .remote();
    }
    pending.put(objects.track(result), new int[] {actor, task});
    return result;
  }

  @Override
  public Map<String, Integer> actorsPerNode() {
    return actors == null ? Map.of() : actors.actorsPerNode();
  }

  @Override
  public ExecutionMode mode() {
    return session.mode();
  }

  @Override
  public int cpus() {
    return session.cpus();
  }

  @Override
  public void close() {
    if (actors != null) {
      actors.close();
      actors = null;
    }
  }
}
