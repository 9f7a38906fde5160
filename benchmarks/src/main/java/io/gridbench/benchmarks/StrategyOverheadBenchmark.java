package io.gridbench.benchmarks;

import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.Transport;
import io.gridbench.runner.strategy.LocalStrategies;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.workload.CellWork;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-task overhead (compute 0, payload 0), per-task cost of a 1 MiB payload, and the latency of a
 * whole small cell (64 empty tasks) for the local pools with 2 workers. Scores are microseconds per
 * task (per cell for {@code smallCell}); throughput is 1 MiB / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StrategyOverheadBenchmark {

  static final int EMPTY_TASKS = 4096;
  static final int MIB_TASKS = 64;
  static final int SMALL_CELL_TASKS = 64;
  static final int WORKERS = 2;

  /** ThreadPool, ProcessPool with Pool.map's default chunks, with 256-task chunks, and over shm. */
  @Param({"ThreadPool", "ProcessPool", "ProcessPool-chunk256", "ProcessPool-shm"})
  public String strategy;

  private Strategy pool;
  private CellWork empty;
  private CellWork mib;
  private CellWork smallCell;

  @Setup(Level.Trial)
  public void start() throws Exception {
    StrategySpec spec = new StrategySpec("bench", StrategyType.valueOf(strategy.split("-")[0]));
    if (strategy.endsWith("chunk256")) {
      spec.setChunkSize(256);
    }
    if (strategy.endsWith("shm")) {
      spec.setTransport(Transport.SHM);
    }
    pool = new LocalStrategies().create(spec, WORKERS);
    pool.open();
    empty = CellWork.prepare(0, 0, EMPTY_TASKS, 8);
    mib = CellWork.prepare(0, 1 << 20, MIB_TASKS, 8);
    smallCell = CellWork.prepare(0, 0, SMALL_CELL_TASKS, 8);
  }

  @TearDown(Level.Trial)
  public void stop() {
    pool.close();
  }

  @Benchmark
  @OperationsPerInvocation(EMPTY_TASKS)
  public long emptyTask() throws Exception {
    return pool.runCell(empty);
  }

  /**
   * A whole small cell, the latency a sweep's compute-0 payload-0 cell measures: 64 empty tasks, in
   * Pool.map's 8 chunks of 8 for the process pools. Scored per cell, not per task.
   */
  @Benchmark
  public long smallCell() throws Exception {
    return pool.runCell(smallCell);
  }

  @Benchmark
  @OperationsPerInvocation(MIB_TASKS)
  public long oneMibPayloadTask() throws Exception {
    // Staging is a no-op after the first call: shm payloads stay in place as they would in a
    // program that keeps its data in shared memory.
    pool.stage(mib);
    return pool.runCell(mib);
  }
}
