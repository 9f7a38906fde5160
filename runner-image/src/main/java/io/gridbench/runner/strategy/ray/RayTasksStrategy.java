package io.gridbench.runner.strategy.ray;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.exception.RayException;
import io.ray.api.function.RayFunc4;
import java.util.ArrayList;
import java.util.List;

/**
 * Ray's default style: one stateless remote function call per task, all submitted at once, small
 * payloads by value and large ones through the object store (where Ray would move them itself),
 * results gathered in order. Ray, not {@code workers}, decides how many run at once: its scheduler
 * on a cluster, in LOCAL mode a thread for every runnable task.
 */
public final class RayTasksStrategy implements Strategy {
  private static final String NAME = "RayTasks";

  private final RaySession session;
  private final RayFunc4<Long, Long, Integer, byte[], byte[]> function;

  public RayTasksStrategy(RaySession session) {
    this(session, KernelTask::run);
  }

  /** With {@code function} as the remote function: tests pass one that fails. */
  RayTasksStrategy(RaySession session, RayFunc4<Long, Long, Integer, byte[], byte[]> function) {
    this.session = session;
    this.function = function;
  }

  @Override
  public long runCell(CellWork cell) throws StrategyException {
    RayObjects objects = new RayObjects();
    List<ObjectRef<byte[]>> results = new ArrayList<>(cell.tasks());
    for (int t = 0; t < cell.tasks(); t++) {
      byte[] payload = cell.payload(t);
      ObjectRef<byte[]> result =
          RayObjects.byReference(payload)
              ? Ray.task(
                      function,
                      cell.seed(t),
                      cell.compute(),
                      cell.resultBytes(),
                      objects.put(payload))
                  .remote()
              : Ray.task(function, cell.seed(t), cell.compute(), cell.resultBytes(), payload)
                  .remote();
      results.add(objects.track(result));
    }
    long checksum = 0;
    for (int t = 0; t < results.size(); t++) {
      byte[] result;
      try {
        result = RayBytes.orEmpty(Ray.get(results.get(t)));
      } catch (RayException e) {
        throw RayCallFailure.of(NAME, "task " + t, cell, e);
      }
      checksum ^= RayCallFailure.digest(NAME, cell, t, result);
    }
    // Only now that every call has finished: in LOCAL mode a call whose argument was freed
    // before it ran would wait for it forever. A failed cell leaves its objects to Ray.
    objects.free();
    return checksum;
  }

  @Override
  public boolean sizedByWorkers() {
    return false;
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
  public void close() {}
}
