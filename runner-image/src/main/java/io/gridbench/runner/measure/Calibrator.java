package io.gridbench.runner.measure;

import io.gridbench.api.results.Calibration;
import io.gridbench.api.results.CellStats;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.process.PipeRoundTrip;
import io.gridbench.runner.workload.CellWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures this machine's floors: the least any thread pool, process pool or payload copy can cost
 * here. Each floor is the median of several batches, after a warm-up batch.
 */
public final class Calibrator {
  private static final int BATCHES = 5;
  private static final int HANDOFFS = 20_000;
  private static final int ROUND_TRIPS = 2_000;
  private static final int COPY_BYTES = 64 << 20;

  /** Runs all three measurements (about a second or two). */
  public Calibration calibrate() throws StrategyException {
    return new Calibration(
        Instant.now(),
        MachineInfo.current().hostname(),
        threadHandoff(),
        pipeRoundTrip(),
        memcpy());
  }

  /** One empty task handed to another thread, and its completion seen by the submitter. */
  double threadHandoff() throws StrategyException {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      List<Double> batches = new ArrayList<>();
      for (int b = 0; b <= BATCHES; b++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < HANDOFFS; i++) {
          other.submit(() -> {}).get();
        }
        if (b > 0) {
          batches.add((System.nanoTime() - t0) / 1e9 / HANDOFFS);
        }
      }
      return CellStats.of(batches).median();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StrategyException("calibration interrupted", e);
    } catch (ExecutionException e) {
      throw new StrategyException("calibration task failed: " + e.getCause(), e);
    } finally {
      other.shutdownNow();
    }
  }

  /** One empty task sent to a worker process over its pipes and its result read back. */
  double pipeRoundTrip() throws StrategyException {
    CellWork empty = CellWork.prepare(0, 0, ROUND_TRIPS, 8);
    // Strictly one task in flight: a ProcessPool cell overlaps chunks, a round trip must not.
    try (PipeRoundTrip pipe = PipeRoundTrip.start()) {
      List<Double> batches = new ArrayList<>();
      for (int b = 0; b <= BATCHES; b++) {
        long t0 = System.nanoTime();
        pipe.run(empty);
        if (b > 0) {
          batches.add((System.nanoTime() - t0) / 1e9 / ROUND_TRIPS);
        }
      }
      return CellStats.of(batches).median();
    }
  }

  /** Single-thread copy bandwidth of a buffer far larger than the caches, in bytes per second. */
  double memcpy() {
    byte[] src = new byte[COPY_BYTES];
    byte[] dst = new byte[COPY_BYTES];
    java.util.Arrays.fill(src, (byte) 1);
    List<Double> batches = new ArrayList<>();
    for (int b = 0; b <= BATCHES; b++) {
      long t0 = System.nanoTime();
      System.arraycopy(src, 0, dst, 0, COPY_BYTES);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (b > 0) {
        batches.add(COPY_BYTES / seconds);
      }
    }
    return CellStats.of(batches).median();
  }
}
