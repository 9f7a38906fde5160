package io.gridbench.runner.strategy;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.workload.CellWork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed JDK thread pool, one task per submission: the in-process pool Python's GIL never allowed,
 * and the floor for any pool's overhead.
 */
public final class ThreadPoolStrategy implements Strategy {
  private final int workers;
  private ExecutorService pool;

  public ThreadPoolStrategy(int workers) {
    this.workers = workers;
  }

  @Override
  public void open() {
    AtomicInteger n = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "gridbench-thread-pool-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Start every thread now so that thread creation never lands in a sample.
    List<Future<?>> warm = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      warm.add(pool.submit(() -> {}));
    }
    for (Future<?> f : warm) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public long runCell(CellWork cell) throws StrategyException {
    List<Future<byte[]>> futures = new ArrayList<>(cell.tasks());
    for (int i = 0; i < cell.tasks(); i++) {
      int task = i;
      futures.add(pool.submit(() -> cell.runTask(task)));
    }
    long checksum = 0;
    try {
      for (int i = 0; i < futures.size(); i++) {
        checksum ^= cell.digestOf(i, futures.get(i).get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      futures.forEach(f -> f.cancel(true));
      throw new StrategyException("interrupted during cell " + cell.key(), e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw new StrategyException(
          "a task of cell " + cell.key() + " failed: " + e.getCause(), e.getCause());
    }
    return checksum;
  }

  @Override
  public ExecutionMode mode() {
    return ExecutionMode.LOCAL;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pool = null;
    }
  }
}
