package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.operator.status.RayClusterState;
import io.gridbench.operator.status.RayClusterState.Phase;
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

  /** The strategies whose Jobs should be created now, given the Jobs by strategy name. */
  public static List<StrategySpec> toStart(BenchmarkSweepSpec spec, Map<String, Job> jobs) {
    return toStart(spec, jobs, RayClusterState.NOT_NEEDED);
  }

  /** As {@link #toStart(BenchmarkSweepSpec, Map)}, with Ray strategies gated by {@code ray}. */
  public static List<StrategySpec> toStart(
      BenchmarkSweepSpec spec, Map<String, Job> jobs, RayClusterState ray) {
    long active = jobs.values().stream().filter(j -> !isFinished(j)).count();
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

  /** Whether the Job completed or failed for good (its backoff limit exhausted). */
  public static boolean isFinished(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
  }
}
