package io.gridbench.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything status is computed from, gathered by the reconciler from its caches: the sweep, the
 * problems of its spec, the frozen plan once the sweep started, and per strategy its Job, the Job's
 * pods and the cells recorded in its results ConfigMaps; and where the sweep's RayCluster stands.
 */
public record ObservedSweep(
    BenchmarkSweep sweep,
    List<String> problems,
    Optional<SweepPlan> plan,
    Map<String, Job> jobs,
    Map<String, List<Pod>> pods,
    Map<String, List<CellResult>> cells,
    RayClusterState ray) {

  /** An observation of a sweep without Ray strategies. */
  public ObservedSweep(
      BenchmarkSweep sweep,
      List<String> problems,
      Optional<SweepPlan> plan,
      Map<String, Job> jobs,
      Map<String, List<Pod>> pods,
      Map<String, List<CellResult>> cells) {
    this(sweep, problems, plan, jobs, pods, cells, RayClusterState.NOT_NEEDED);
  }
}
