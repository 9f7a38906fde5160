package io.gridbench.operator.dependent;

import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.operator.observe.JobOutcome;
import io.gridbench.operator.observe.RayClusterState;
import io.gridbench.operator.observe.RayClusterState.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which strategies start now: in list order, while fewer than {@code spec.concurrency} Jobs
 * are unfinished. One at a time by default, because strategies sharing nodes would measure each
 * other's interference. A Ray strategy waits, in its turn, for the RayCluster to be ready, and is
 * passed over when the cluster is unavailable (its status shows it failed).
 */
public final class StrategyScheduler {
  private StrategyScheduler() {}

  /** The strategies whose Jobs should be created now, given the Job outcomes by strategy name. */
  public static List<StrategySpec> toStart(
      BenchmarkSweepSpec spec, Map<String, JobOutcome> jobs, RayClusterState ray) {
    long active = jobs.values().stream().filter(j -> !j.finished()).count();
    List<StrategySpec> start = new ArrayList<>();
    for (StrategySpec s : spec.getStrategies()) {
      if (active + start.size() >= spec.effectiveConcurrency()) {
        break;
      }
      if (jobs.containsKey(s.getName())) {
        continue;
      }
      if (s.getType().isRay() && ray.phase() == Phase.UNAVAILABLE) {
        continue;
      }
      if (s.getType().isRay() && ray.phase() != Phase.NOT_NEEDED && !ray.acceptsDrivers()) {
        break;
      }
      start.add(s);
    }
    return start;
  }
}
