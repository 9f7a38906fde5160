package io.gridbench.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small builder of observations for status tests: a 2 x 2 grid, strategies a and b. */
final class ObservedSweeps {
  BenchmarkSweep sweep = new BenchmarkSweep();
  List<String> problems = new ArrayList<>();
  boolean started = true;
  final Map<String, Job> jobs = new HashMap<>();
  final Map<String, List<Pod>> pods = new HashMap<>();
  final Map<String, List<CellResult>> cells = new HashMap<>();
  RayClusterState ray = RayClusterState.NOT_NEEDED;

  ObservedSweeps() {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0, 1000), Axis.of(0, 256)));
    spec.setStrategies(
        new ArrayList<>(
            List.of(
                new StrategySpec("a", StrategyType.SingleThread),
                new StrategySpec("b", StrategyType.ThreadPool))));
    sweep.setMetadata(
        new ObjectMetaBuilder()
            .withName("s")
            .withNamespace("ns")
            .withUid("u")
            .withGeneration(1L)
            .build());
    sweep.setSpec(spec);
  }

  ObservedSweeps job(String strategy, String condition) {
    JobBuilder job =
        new JobBuilder()
            .withNewMetadata()
            .withName("s-" + strategy)
            .endMetadata()
            .withNewStatus()
            .withStartTime("2025-01-01T00:00:00Z")
            .endStatus();
    if (condition != null) {
      job.editStatus()
          .addToConditions(
              new JobConditionBuilder()
                  .withType(condition)
                  .withStatus("True")
                  .withReason(condition.equals("Failed") ? "BackoffLimitExceeded" : null)
                  .withMessage(
                      condition.equals("Failed")
                          ? "Job has reached the specified backoff limit"
                          : null)
                  .withLastTransitionTime("2025-01-01T00:01:00Z")
                  .build())
          .withCompletionTime(condition.equals("Complete") ? "2025-01-01T00:01:00Z" : null)
          .endStatus();
    }
    jobs.put(strategy, job.build());
    return this;
  }

  /** Replaces strategy b by Ray strategy r, with the RayCluster in {@code ray}. */
  ObservedSweeps withRayStrategy(RayClusterState ray) {
    sweep.getSpec().getStrategies().set(1, new StrategySpec("r", StrategyType.RayTasks));
    this.ray = ray;
    return this;
  }

  ObservedSweeps cell(String strategy, long compute, long payload, double... samples) {
    List<Double> list = new ArrayList<>();
    for (double s : samples) {
      list.add(s);
    }
    cells
        .computeIfAbsent(strategy, k -> new ArrayList<>())
        .add(CellResult.of(compute, payload, 4, 7L, list, Instant.EPOCH, null));
    return this;
  }

  ObservedSweep build() {
    return new ObservedSweep(
        sweep,
        problems,
        started ? Optional.of(planOf(sweep)) : Optional.empty(),
        jobs,
        pods,
        cells,
        ray);
  }

  /** The plan as the sweep was at generation 1. */
  SweepPlan frozen;

  private SweepPlan planOf(BenchmarkSweep s) {
    if (frozen == null) {
      frozen = SweepPlan.of(s);
    }
    return frozen;
  }
}
