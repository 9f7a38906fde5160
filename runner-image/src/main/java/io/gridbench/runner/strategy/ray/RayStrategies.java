package io.gridbench.runner.strategy.ray;

import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.StrategyProvider;

/** The Ray strategies, all running on one open {@link RaySession}. */
public final class RayStrategies implements StrategyProvider {
  private final RaySession session;

  public RayStrategies(RaySession session) {
    this.session = session;
  }

  @Override
  public Strategy create(StrategySpec spec, int workers) throws StrategyException {
    return switch (spec.getType()) {
      case RayPool ->
          new RayPoolStrategy(
              session,
              workers,
              spec.rebuildsPerCell(),
              spec.getChunkSize(),
              spec.effectiveActorResources());
      case RayActors -> new RayActorsStrategy(session, workers, spec.effectiveActorResources());
      case RayTasks -> new RayTasksStrategy(session);
      default -> throw new StrategyException(spec.getType() + " is not a Ray strategy type");
    };
  }
}
