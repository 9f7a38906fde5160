package io.gridbench.api.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import java.util.Optional;

/**
 * What a worker needs to run a strategy of a sweep, without reading the custom resource: the
 * sweep's identity (for the results ConfigMaps it owns) and the spec as it was when the sweep
 * started. The operator freezes it in the plan ConfigMap, so later spec edits do not reach Jobs.
 */
public record SweepPlan(
    int schemaVersion,
    String sweep,
    String namespace,
    String sweepUid,
    long generation,
    BenchmarkSweepSpec spec) {

  public static final int SCHEMA_VERSION = 1;

  /** The plan of {@code sweep} as it is now. */
  public static SweepPlan of(BenchmarkSweep sweep) {
    Long generation = sweep.getMetadata().getGeneration();
    return new SweepPlan(
        SCHEMA_VERSION,
        sweep.getMetadata().getName(),
        sweep.getMetadata().getNamespace(),
        sweep.getMetadata().getUid(),
        generation == null ? 0 : generation,
        sweep.getSpec());
  }

  /** The strategy called {@code name}, if the plan has one. */
  public Optional<StrategySpec> strategy(String name) {
    return spec.strategy(name);
  }

  public String toJson() {
    return ResultsJson.toJson(this);
  }

  /** Parses a plan; the message of the exception names what is wrong. */
  public static SweepPlan fromJson(String json) throws PlanException {
    SweepPlan plan;
    try {
      plan = ResultsJson.mapper().readValue(json, SweepPlan.class);
    } catch (JsonProcessingException e) {
      throw new PlanException("the plan is not valid JSON: " + e.getOriginalMessage());
    }
    if (plan == null || plan.sweep() == null || plan.spec() == null) {
      throw new PlanException("the plan lacks its sweep name or spec");
    }
    if (plan.schemaVersion() != SCHEMA_VERSION) {
      throw new PlanException(
          "the plan has schema version "
              + plan.schemaVersion()
              + "; this build reads version "
              + SCHEMA_VERSION);
    }
    return plan;
  }
}
