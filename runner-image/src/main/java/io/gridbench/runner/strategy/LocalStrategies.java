package io.gridbench.runner.strategy;

import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.strategy.process.ProcessPoolStrategy;
import io.gridbench.runner.strategy.python.PythonInterpreter;
import io.gridbench.runner.strategy.python.PythonSource;
import io.gridbench.runner.strategy.python.PythonStrategy;
import io.gridbench.runner.strategy.python.PythonUnavailableException;
import java.util.Optional;

/** The strategies that need nothing but this JVM and the processes it starts. */
public final class LocalStrategies implements StrategyProvider {
  private final PythonSource python;

  /** PythonPool runs {@code $GRIDBENCH_PYTHON}, else python3 on PATH. */
  public LocalStrategies() {
    this(() -> PythonInterpreter.find(Optional.empty(), System.getenv()));
  }

  public LocalStrategies(PythonSource python) {
    this.python = python;
  }

  @Override
  public Strategy create(StrategySpec spec, int workers) throws StrategyException {
    return switch (spec.getType()) {
      case SingleThread -> new SingleThreadStrategy();
      case ThreadPool -> new ThreadPoolStrategy(workers);
      case ProcessPool ->
          new ProcessPoolStrategy(
              workers, spec.rebuildsPerCell(), spec.getChunkSize(), spec.effectiveTransport());
      case PythonSingleThread -> PythonStrategy.singleThread(interpreter(spec));
      case PythonPool ->
          PythonStrategy.pool(
              interpreter(spec),
              workers,
              spec.rebuildsPerCell(),
              spec.getChunkSize(),
              spec.effectiveStartMethod());
      default -> throw new StrategyException(spec.getType() + " is not a local strategy type");
    };
  }

  private PythonInterpreter interpreter(StrategySpec spec) throws StrategyException {
    try {
      return python.interpreter();
    } catch (PythonUnavailableException e) {
      throw new StrategyException("strategy '" + spec.getName() + "': " + e.getMessage(), e);
    }
  }
}
