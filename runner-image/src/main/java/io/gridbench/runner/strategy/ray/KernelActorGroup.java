package io.gridbench.runner.strategy.ray;

import io.gridbench.runner.strategy.StrategyException;
import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.exception.RayException;
import io.ray.api.function.RayFunc0;
import io.ray.api.runtimecontext.NodeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The kernel actors of one pool: created together, killed together. */
final class KernelActorGroup implements AutoCloseable {
  private final RaySession session;

  /** How a node is named in LOCAL mode, where actors are threads of the driver. */
  static final String LOCAL_NODE = "this JVM (LOCAL mode)";

  private final List<ActorHandle<KernelActor>> actors;
  private final List<String> nodes = new ArrayList<>();

  private KernelActorGroup(RaySession session, List<ActorHandle<KernelActor>> actors) {
    this.session = session;
    this.actors = actors;
  }

  /**
   * Asks Ray for {@code size} actors made by {@code factory}, each holding {@code resources} (none:
   * Ray places them anywhere). Creation is asynchronous: the first call to an actor waits behind
   * its construction. LOCAL mode has no nodes to place on, so it ignores {@code resources}.
   */
  @SuppressWarnings("unchecked")
  static KernelActorGroup create(
      RaySession session,
      RayFunc0<? extends KernelActor> factory,
      int size,
      Map<String, Double> resources) {
    List<ActorHandle<KernelActor>> actors = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      var creator = Ray.actor(factory);
      if (!resources.isEmpty() && !session.isLocal()) {
        creator.setResources(resources);
      }
      // The factory may make a subclass; its handle answers KernelActor's methods all the same.
      actors.add((ActorHandle<KernelActor>) (ActorHandle<?>) creator.remote());
    }
    return new KernelActorGroup(session, actors);
  }

  /**
   * Fails at once when the cluster's nodes cannot hold {@code size} actors of {@code resources}:
   * Ray would otherwise leave them pending, and the strategy waiting, for ever.
   */
  static void requirePlacement(
      RaySession session, String strategy, int size, Map<String, Double> resources)
      throws StrategyException {
    if (resources.isEmpty() || session.isLocal()) {
      return;
    }
    List<NodeInfo> alive =
        Ray.getRuntimeContext().getAllNodeInfo().stream().filter(n -> n.isAlive).toList();
    ActorPlacement placement = ActorPlacement.of(resources, alive);
    if (placement.capacity() < size) {
      throw new StrategyException(
          strategy
              + ": actorResources "
              + resources
              + " fit "
              + placement.capacity()
              + " actors on the cluster's nodes, not the "
              + size
              + " workers asked for (nodes offer "
              + placement.offered()
              + ")");
    }
  }

  /**
   * Blocks until every actor is constructed, so that no sample includes actor start-up, and learns
   * on which node each one runs.
   */
  void awaitReady(String strategy) throws StrategyException {
    List<ObjectRef<?>> pings = new ArrayList<>(actors.size());
    for (ActorHandle<KernelActor> actor : actors) {
      // LOCAL mode has no nodes: every actor is a thread of this JVM.
      pings.add(
          session.isLocal()
              ? actor.task(KernelActor::ready).remote()
              : actor.task(KernelActor::node).remote());
    }
    nodes.clear();
    for (int i = 0; i < pings.size(); i++) {
      try {
        Object answer = Ray.get(pings.get(i));
        nodes.add(session.isLocal() ? LOCAL_NODE : (String) answer);
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

  /**
   * Actors per node, each node named {@code IP:node-manager-port} (unique even for several nodes of
   * one machine), once {@link #awaitReady} has returned.
   */
  Map<String, Integer> actorsPerNode() {
    Map<String, String> names = new HashMap<>();
    if (!session.isLocal()) {
      try {
        for (NodeInfo node : Ray.getRuntimeContext().getAllNodeInfo()) {
          names.put(node.nodeId.toString(), node.nodeAddress + ":" + node.nodeManagerPort);
        }
      } catch (RuntimeException e) {
        // The GCS did not answer: the node ids still tell the nodes apart.
      }
    }
    Map<String, Integer> perNode = new TreeMap<>();
    for (String id : nodes) {
      perNode.merge(names.getOrDefault(id, id), 1, Integer::sum);
    }
    return perNode;
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
