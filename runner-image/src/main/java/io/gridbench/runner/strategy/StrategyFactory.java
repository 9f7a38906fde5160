package io.gridbench.runner.strategy;

import io.gridbench.api.v1alpha1.StrategySpec;

/** Routes a strategy spec to the provider of its family: local or Ray. */
public final class StrategyFactory implements StrategyProvider {
  private final StrategyProvider local;
  private final StrategyProvider ray;

  public StrategyFactory(StrategyProvider local, StrategyProvider ray) {
    this.local = local;
    this.ray = ray;
  }

  /** Local strategies only: a Ray type fails with a message saying how to enable Ray. */
  public static StrategyFactory localOnly() {
    return localOnly(new LocalStrategies());
  }

  /** {@code local} only: a Ray type fails with a message saying how to enable Ray. */
  public static StrategyFactory localOnly(LocalStrategies local) {
    return new StrategyFactory(
        local,
        (spec, workers) -> {
          throw new StrategyException(
              "strategy '"
                  + spec.getName()
                  + "' ("
                  + spec.getType()
                  + ") needs Ray, which this run has not started");
        });
  }

  @Override
  public Strategy create(StrategySpec spec, int workers) throws StrategyException {
    return spec.getType().isRay() ? ray.create(spec, workers) : local.create(spec, workers);
  }
}
