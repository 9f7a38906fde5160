package io.gridbench.runner.strategy;

import io.gridbench.api.v1alpha1.StrategySpec;

/** Creates the strategy a spec names; one provider serves a family of strategy types. */
@FunctionalInterface
public interface StrategyProvider {
  /** A new, unopened strategy for {@code spec} with a pool of {@code workers}. */
  Strategy create(StrategySpec spec, int workers) throws StrategyException;
}
