package io.gridbench.runner.strategy.python;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.v1alpha1.StartMethod;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.runner.strategy.PoolMapChunks;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.ray.RayActorsStrategy;
import io.gridbench.runner.strategy.ray.RayAddress;
import io.gridbench.runner.workload.CellWork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A strategy of the seed study run in Python by the worker program the runner ships: {@code
 * multiprocessing.Pool}, {@code ray.util.multiprocessing.Pool} or long-lived Ray actors. The runner
 * hands the worker each cell before its samples and times every sample from its side, RUN sent to
 * RESULT read, as it times the Java strategies; the Python kernel's compute cost is Python's.
 */
public final class PythonStrategy implements Strategy {
  private final StrategyType type;
  private final PythonInterpreter python;
  private final List<String> options;
  private final int workers;
  private final Integer chunkSize;
  private final ExecutionMode mode;
  private WorkerProgram program;
  // Read by workerPid() from other threads while a cell runs.
  private volatile PythonWorker worker;
  private CellWork staged;

  private PythonStrategy(
      StrategyType type,
      PythonInterpreter python,
      List<String> options,
      int workers,
      Integer chunkSize,
      ExecutionMode mode) {
    this.type = type;
    this.python = python;
    this.options = options;
    this.workers = workers;
    this.chunkSize = chunkSize;
    this.mode = mode;
  }

  /** Every task in the Python worker itself, one after another. */
  public static PythonStrategy singleThread(PythonInterpreter python) {
    return new PythonStrategy(
        StrategyType.PythonSingleThread,
        python,
        common("single", 1, false),
        1,
        null,
        ExecutionMode.LOCAL);
  }

  /** {@code multiprocessing.Pool(workers)} started with {@code startMethod}. */
  public static PythonStrategy pool(
      PythonInterpreter python,
      int workers,
      boolean rebuild,
      Integer chunkSize,
      StartMethod startMethod) {
    List<String> options = common("pool", workers, rebuild);
    options.add("--start-method");
    options.add(startMethod.pythonName());
    return new PythonStrategy(
        StrategyType.PythonPool, python, options, workers, chunkSize, ExecutionMode.LOCAL);
  }

  /** {@code ray.util.multiprocessing.Pool(workers)} on the cluster at {@code address}. */
  public static PythonStrategy rayPool(
      PythonInterpreter python,
      RayAddress address,
      int workers,
      boolean rebuild,
      Integer chunkSize) {
    List<String> options = common("ray-pool", workers, rebuild);
    options.add("--ray-address");
    options.add(address.toString());
    return new PythonStrategy(
        StrategyType.PythonRayPool, python, options, workers, chunkSize, ExecutionMode.RAY_CLUSTER);
  }

  /** One Python Ray actor per worker on the cluster at {@code address}. */
  public static PythonStrategy rayActors(
      PythonInterpreter python, RayAddress address, int workers) {
    List<String> options = common("ray-actors", workers, false);
    options.add("--ray-address");
    options.add(address.toString());
    return new PythonStrategy(
        StrategyType.PythonRayActors, python, options, workers, null, ExecutionMode.RAY_CLUSTER);
  }

  private static List<String> common(String kind, int workers, boolean rebuild) {
    List<String> options = new ArrayList<>(List.of("--type", kind, "--workers", "" + workers));
    if (rebuild) {
      options.add("--rebuild");
    }
    return options;
  }

  /** The worker program's command-line options (tests read them). */
  List<String> options() {
    return options;
  }

  @Override
  public void open() throws StrategyException {
    try {
      program = WorkerProgram.extract();
      worker = PythonWorker.start(python, program, options);
    } catch (IOException e) {
      close();
      throw new StrategyException(
          type + ": cannot start the Python worker with " + python + ": " + e.getMessage(), e);
    }
    try {
      worker.awaitReady();
    } catch (IOException e) {
      String why = PythonWorker.cause(e) + " (" + worker.describe() + ")";
      // A worker that broke the protocol may not heed EXIT either.
      worker.kill();
      worker = null;
      close();
      throw new StrategyException(type + ": the Python worker did not start: " + why, e);
    }
  }

  /** Hands the cell to the worker before its samples: its transfer is not part of them. */
  @Override
  public void stage(CellWork cell) throws StrategyException {
    if (staged == cell) {
      return;
    }
    if (worker == null) {
      throw new StrategyException(type + ": the Python worker is gone after an earlier failure");
    }
    try {
      worker.sendCell(cell);
      staged = cell;
    } catch (IOException e) {
      throw failed(cell, e);
    }
  }

  @Override
  public long runCell(CellWork cell) throws StrategyException {
    stage(cell);
    int chunk = chunkSize != null ? chunkSize : PoolMapChunks.defaultSize(cell.tasks(), workers);
    if (type == StrategyType.PythonRayActors) {
      chunk = RayActorsStrategy.depth(cell.tasks(), workers);
    }
    try {
      return worker.run(cell.tasks(), chunk);
    } catch (IOException e) {
      throw failed(cell, e);
    }
  }

  /**
   * The failure of a cell, by name; the worker and every process under it are killed first, so a
   * failed cell leaves no orphan.
   */
  private StrategyException failed(CellWork cell, IOException e) {
    PythonWorker w = worker;
    String state = w.describe();
    w.kill();
    worker = null;
    staged = null;
    return new StrategyException(
        type
            + " Python worker ("
            + state
            + ") failed during cell "
            + cell.key()
            + ": "
            + PythonWorker.cause(e),
        e);
  }

  /** The Python worker's process id, while it runs. */
  public long workerPid() {
    PythonWorker w = worker;
    if (w == null) {
      throw new IllegalStateException(type + " has no Python worker running");
    }
    return w.pid();
  }

  /** The processes under the Python worker (a PythonPool's pool), while it runs. */
  public List<Long> childPids() {
    PythonWorker w = worker;
    return w == null ? List.of() : w.childPids();
  }

  @Override
  public ExecutionMode mode() {
    return mode;
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.stop();
      worker = null;
    }
    if (program != null) {
      program.close();
      program = null;
    }
    staged = null;
  }
}
