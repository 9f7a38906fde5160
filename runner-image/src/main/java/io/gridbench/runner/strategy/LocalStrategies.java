package io.gridbench.runner.strategy;

import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.strategy.process.ProcessPoolStrategy;

/** The strategies that need nothing but this JVM and the processes it starts. */
public final class LocalStrategies implements StrategyProvider {
  @Override
  public Strategy create(StrategySpec spec, int workers) throws StrategyException {
    return switch (spec.getType()) {
      case SingleThread -> new SingleThreadStrategy();
      case ThreadPool -> new ThreadPoolStrategy(workers);
      case ProcessPool ->
          new ProcessPoolStrategy(
              workers, spec.rebuildsPerCell(), spec.getChunkSize(), spec.effectiveTransport());
      default -> throw new StrategyException(spec.getType() + " is not a local strategy type");
    };
  }
}
