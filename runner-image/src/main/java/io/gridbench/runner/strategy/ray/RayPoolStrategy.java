package io.gridbench.runner.strategy.ray;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.strategy.PoolMapChunks;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import io.gridbench.runner.workload.Kernel;
import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.exception.RayException;
import io.ray.api.function.RayFunc0;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The analog of {@code ray.util.multiprocessing.Pool.map}: N actors as pool processes, a cell's
 * tasks cut into chunks sent round-robin to them, results gathered in order. With {@code rebuild}
 * the actors are created inside every measured cell and killed at its end.
 */
public final class RayPoolStrategy implements Strategy {
  private static final String NAME = "RayPool";

  private final RaySession session;
  private final int workers;
  private final boolean rebuild;
  private final Integer chunkSize;
  private final RayFunc0<? extends KernelActor> actorFactory;
  private final Map<String, Double> actorResources;
  private KernelActorGroup actors;

  /** A pool of {@code workers} actors each holding {@code actorResources} (none: anywhere). */
  public RayPoolStrategy(
      RaySession session,
      int workers,
      boolean rebuild,
      Integer chunkSize,
      Map<String, Double> actorResources) {
    this(session, workers, rebuild, chunkSize, KernelActor::new, actorResources);
  }

  /** With actors made by {@code actorFactory}: tests pass actors that count or die. */
  RayPoolStrategy(
      RaySession session,
      int workers,
      boolean rebuild,
      Integer chunkSize,
      RayFunc0<? extends KernelActor> actorFactory) {
    this(session, workers, rebuild, chunkSize, actorFactory, Map.of());
  }

  private RayPoolStrategy(
      RaySession session,
      int workers,
      boolean rebuild,
      Integer chunkSize,
      RayFunc0<? extends KernelActor> actorFactory,
      Map<String, Double> actorResources) {
    this.session = session;
    this.workers = workers;
    this.rebuild = rebuild;
    this.chunkSize = chunkSize;
    this.actorFactory = actorFactory;
    this.actorResources = Map.copyOf(actorResources);
  }

  @Override
  public void open() throws StrategyException {
    // Checked once for both modes: a rebuilt pool asks for the same actors in every cell.
    KernelActorGroup.requirePlacement(session, NAME, workers, actorResources);
    if (!rebuild) {
      actors = KernelActorGroup.create(session, actorFactory, workers, actorResources);
      actors.awaitReady(NAME);
    }
  }

  @Override
  public long runCell(CellWork cell) throws StrategyException {
    int chunk = chunkSize != null ? chunkSize : PoolMapChunks.defaultSize(cell.tasks(), workers);
    if (!rebuild) {
      return map(actors, cell, chunk);
    }
    try (KernelActorGroup fresh =
        KernelActorGroup.create(session, actorFactory, workers, actorResources)) {
      return map(fresh, cell, chunk);
    }
  }

  private static long map(KernelActorGroup pool, CellWork cell, int chunkSize)
      throws StrategyException {
    RayObjects objects = new RayObjects();
    List<ObjectRef<byte[]>> chunks = new ArrayList<>();
    for (int first = 0, c = 0; first < cell.tasks(); first += chunkSize, c++) {
      int count = Math.min(chunkSize, cell.tasks() - first);
      long[] seeds = new long[count];
      byte[] payloads = new byte[Math.multiplyExact(count, cell.payloadBytes())];
      for (int i = 0; i < count; i++) {
        seeds[i] = cell.seed(first + i);
        System.arraycopy(
            cell.payload(first + i), 0, payloads, i * cell.payloadBytes(), cell.payloadBytes());
      }
      ActorHandle<KernelActor> actor = pool.get(c % pool.size());
      ObjectRef<byte[]> results =
          RayObjects.byReference(payloads)
              ? actor
                  .task(
                      KernelActor::runChunk,
                      seeds,
                      cell.compute(),
                      cell.resultBytes(),
                      cell.payloadBytes(),
                      objects.put(payloads))
                  .remote()
              : actor
                  .task(
                      KernelActor::runChunk,
                      seeds,
                      cell.compute(),
                      cell.resultBytes(),
                      cell.payloadBytes(),
                      payloads)
                  .remote();
      chunks.add(objects.track(results));
    }
    long checksum = 0;
    for (int c = 0; c < chunks.size(); c++) {
      int first = c * chunkSize;
      int count = Math.min(chunkSize, cell.tasks() - first);
      byte[] results;
      try {
        results = RayBytes.orEmpty(Ray.get(chunks.get(c)));
      } catch (RayException e) {
        throw RayCallFailure.of(NAME, "actor " + c % pool.size(), cell, e);
      }
      if (results.length != count * cell.resultBytes()) {
        throw new StrategyException(
            NAME
                + ": chunk "
                + c
                + " of cell "
                + cell.key()
                + " returned "
                + results.length
                + " bytes"
                + "; expected "
                + count * cell.resultBytes());
      }
      for (int i = 0; i < count; i++) {
        checksum ^= Kernel.digestOf(results, i * cell.resultBytes());
      }
    }
    // Only now that every call has finished: in LOCAL mode a call whose argument was freed
    // before it ran would wait for it forever. A failed cell leaves its objects to Ray.
    objects.free();
    return checksum;
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
  public void close() {
    if (actors != null) {
      actors.close();
      actors = null;
    }
  }
}
