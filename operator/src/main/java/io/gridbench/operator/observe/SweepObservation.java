package io.gridbench.operator.observe;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.operator.dependent.StrategyScheduler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one reconcile knows about a sweep, read once from the informers' caches by {@link
 * SweepObserver} and then only read: the frozen plan, each strategy's Job outcome and failure, the
 * grid of results, the drift canary reports, the machines the workers ran on, the results shards
 * the operator created and the RayCluster's state. The workflow's dependents, the status builder
 * and the metrics all read this one object (the Flink operator's per-reconcile context is the
 * model). {@code unschedulable} holds the scheduler's message for each running strategy whose
 * worker pod no node can take.
 *
 * <p>{@code leftovers} are plan or results ConfigMaps labelled with the sweep's name that belong to
 * another sweep of that name (retained results, or a deleted sweep's not yet garbage-collected):
 * they hold the names this sweep's children need, so it cannot start while they exist.
 *
 * <p>{@code plan} is the frozen plan, or, once the spec is found valid, the plan this reconcile
 * freezes ({@link #starting}); {@code toStart} are the strategies whose Jobs this reconcile
 * creates, in {@code jobs} already as {@link JobOutcome#created}.
 */
public record SweepObservation(
    BenchmarkSweep sweep,
    Optional<SweepPlan> plan,
    boolean frozen,
    Map<String, JobOutcome> jobs,
    Map<String, StrategyFailure> failures,
    Map<String, String> unschedulable,
    GridResults results,
    Map<String, DriftReport> drift,
    Map<String, MachineInfo> machines,
    ResultShards shards,
    RayClusterState ray,
    List<StrategySpec> toStart,
    List<ConfigMap> leftovers) {

  /** The key under which the reconciler hands this observation to the workflow's dependents. */
  public static final String CONTEXT_KEY = "gridbench.observation";

  public SweepObservation {
    jobs = Map.copyOf(jobs);
    failures = Map.copyOf(failures);
    unschedulable = Map.copyOf(unschedulable);
    drift = Map.copyOf(drift);
    machines = Map.copyOf(machines);
    toStart = List.copyOf(toStart);
    leftovers = List.copyOf(leftovers);
  }

  /** The spec the sweep runs: the frozen one once it started, else the current one. */
  public BenchmarkSweepSpec spec() {
    return plan.map(SweepPlan::spec).orElse(sweep.getSpec());
  }

  /**
   * This observation once the spec is valid and the RayCluster step ran: the plan to run (frozen,
   * or frozen now from the current spec), the RayCluster's state, and the strategies whose turn it
   * is, which the workflow creates Jobs for.
   */
  public SweepObservation starting(RayClusterState rayState) {
    SweepPlan toRun = plan.orElseGet(() -> SweepPlan.of(sweep));
    List<StrategySpec> due = StrategyScheduler.toStart(toRun.spec(), jobs, rayState);
    Map<String, JobOutcome> withCreated = new LinkedHashMap<>(jobs);
    for (StrategySpec s : due) {
      withCreated.put(s.getName(), JobOutcome.created(ChildNames.job(toRun.sweep(), s.getName())));
    }
    return new SweepObservation(
        sweep,
        Optional.of(toRun),
        frozen,
        withCreated,
        failures,
        unschedulable,
        // Before the freeze no worker ran, so a plan frozen now has no results yet.
        plan.isPresent() ? results : SweepObserver.grid(toRun, Map.of()),
        drift,
        machines,
        shards,
        rayState,
        due,
        leftovers);
  }
}
