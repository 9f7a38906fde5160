package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which strategies start now: in list order, while fewer than {@code spec.concurrency} Jobs
 * are unfinished. One at a time by default, because strategies sharing nodes would measure each
 * other's interference.
 */
public final class StrategyScheduler {
  private StrategyScheduler() {}

  /** The strategies whose Jobs should be created now, given the Jobs by strategy name. */
  public static List<StrategySpec> toStart(BenchmarkSweepSpec spec, Map<String, Job> jobs) {
    long active = jobs.values().stream().filter(j -> !isFinished(j)).count();
    List<StrategySpec> start = new ArrayList<>();
    for (StrategySpec s : spec.getStrategies()) {
      if (active + start.size() >= spec.effectiveConcurrency()) {
        break;
      }
      if (!jobs.containsKey(s.getName())) {
        start.add(s);
      }
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
