package io.gridbench.operator.observe;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.GridLayout;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.operator.dependent.SweepChildren;
import io.gridbench.operator.status.Reasons;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a reconcile's {@link SweepObservation} from what the informers hold for one sweep: the
 * plan ConfigMap (parsed once), its Jobs (grouped once, each outcome read once), the pods of failed
 * Jobs (for the failure's words), and the results ConfigMaps (each decoded once into cells, drift
 * reports and the machines the workers ran on). Reads only; the RayCluster's state is added by
 * {@link SweepObservation#starting}.
 */
public final class SweepObserver {

  /** The sweep's children as the informers hold them. */
  public record Children(
      Optional<ConfigMap> plan,
      Collection<Job> jobs,
      Collection<Pod> pods,
      Collection<ConfigMap> results) {}

  private SweepObserver() {}

  /** The observation of {@code sweep} with {@code children}; an unreadable plan or entry throws. */
  public static SweepObservation observe(BenchmarkSweep sweep, Children children)
      throws PlanException {
    String uid = sweep.getMetadata().getUid();
    List<ConfigMap> leftovers = new ArrayList<>();
    Optional<SweepPlan> plan = frozenPlan(children.plan());
    if (plan.isPresent() && !ownPlan(plan.get(), uid)) {
      // A plan of an earlier sweep of this name: this sweep has not started.
      leftovers.add(children.plan().get());
      plan = Optional.empty();
    }
    Map<String, List<Pod>> pods = byStrategy(children.pods());
    Map<String, JobOutcome> jobs = new HashMap<>();
    for (Job job : children.jobs()) {
      String strategy = SweepChildren.strategyOf(job);
      if (strategy != null) {
        JobOutcome outcome = JobOutcome.of(job);
        if (outcome.state() == JobOutcome.State.FAILED
            && lastPodNotEnded(pods.getOrDefault(strategy, List.of()))) {
          // The Job controller counted the pod as failed, so its end is in the API server; the
          // pod's own event follows and triggers the reconcile that tells why.
          outcome = outcome.stillFinishing();
        }
        jobs.put(strategy, outcome);
      }
    }
    Map<String, StrategyFailure> failures = new HashMap<>();
    jobs.forEach(
        (strategy, outcome) -> {
          if (outcome.state() == JobOutcome.State.FAILED) {
            failures.put(
                strategy, StrategyFailure.of(outcome, pods.getOrDefault(strategy, List.of())));
          }
        });
    Map<String, String> unschedulable = new HashMap<>();
    jobs.forEach(
        (strategy, outcome) -> {
          if (outcome.state() == JobOutcome.State.RUNNING) {
            unschedulable(pods.getOrDefault(strategy, List.of()))
                .ifPresent(message -> unschedulable.put(strategy, message));
          }
        });
    Map<String, List<CellResult>> cells = new HashMap<>();
    Map<String, DriftReport> drift = new HashMap<>();
    Map<String, MachineInfo> machines = new HashMap<>();
    for (ConfigMap cm : children.results()) {
      String strategy = SweepChildren.strategyOf(cm);
      if (strategy == null) {
        continue;
      }
      if (uid != null && !Labels.belongsTo(cm, uid)) {
        leftovers.add(cm);
        continue;
      }
      String name = cm.getMetadata().getName();
      cells
          .computeIfAbsent(strategy, s -> new ArrayList<>())
          .addAll(ResultsConfigMaps.decodeAll(name, cm.getData()));
      String json = cm.getData() == null ? null : cm.getData().get(ResultsConfigMaps.DRIFT_KEY);
      if (json != null) {
        drift.put(
            strategy,
            ResultsConfigMaps.decodeDrift(
                "ConfigMap " + name + " key " + ResultsConfigMaps.DRIFT_KEY, json));
      }
      String machine =
          cm.getData() == null ? null : cm.getData().get(ResultsConfigMaps.MACHINE_KEY);
      if (machine != null) {
        machines.put(
            strategy,
            ResultsConfigMaps.decodeMachine(
                "ConfigMap " + name + " key " + ResultsConfigMaps.MACHINE_KEY, machine));
      }
    }
    return new SweepObservation(
        sweep,
        plan,
        plan.isPresent(),
        jobs,
        failures,
        unschedulable,
        plan.map(p -> grid(p, cells)).orElseGet(GridResults::empty),
        drift,
        machines,
        ResultShards.of(sweep, children.results()),
        RayClusterState.NOT_NEEDED,
        List.of(),
        leftovers);
  }

  /** Whether {@code plan} is the one of the sweep of {@code uid} (plans before uids: assumed). */
  private static boolean ownPlan(SweepPlan plan, String uid) {
    return uid == null || plan.sweepUid() == null || uid.equals(plan.sweepUid());
  }

  /**
   * Whether the newest pods of a strategy (by creation second) all still show as pending or
   * running, none being deleted: a deleted pod may never report an end, and a pod that ended tells
   * the reason; either way the Job's failure stands at once.
   */
  static boolean lastPodNotEnded(List<Pod> pods) {
    Optional<String> newest =
        pods.stream().map(SweepObserver::created).max(Comparator.naturalOrder());
    return newest.isPresent()
        && pods.stream()
            .filter(p -> created(p).equals(newest.get()))
            .allMatch(
                p ->
                    p.getMetadata().getDeletionTimestamp() == null
                        && p.getStatus() != null
                        && ("Pending".equals(p.getStatus().getPhase())
                            || "Running".equals(p.getStatus().getPhase())));
  }

  private static String created(Pod pod) {
    return String.valueOf(pod.getMetadata().getCreationTimestamp());
  }

  /**
   * The scheduler's message when a live pod of the strategy is unschedulable (PodScheduled=False,
   * reason Unschedulable): the Job would otherwise wait for it forever, silently. Not while a pod
   * of the strategy is still terminating: its replacement waits for the resources it frees.
   */
  static Optional<String> unschedulable(List<Pod> pods) {
    if (pods.stream().anyMatch(p -> p.getMetadata().getDeletionTimestamp() != null)) {
      return Optional.empty();
    }
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null)
        .flatMap(p -> p.getStatus().getConditions().stream())
        .filter(
            c ->
                "PodScheduled".equals(c.getType())
                    && "False".equals(c.getStatus())
                    && Reasons.UNSCHEDULABLE.equals(c.getReason()))
        .map(c -> c.getMessage() == null ? "no message from the scheduler" : c.getMessage())
        .findFirst();
  }

  /** The cells recorded by strategy, laid on the grid of {@code plan}. */
  static GridResults grid(SweepPlan plan, Map<String, List<CellResult>> cells) {
    return GridResults.of(
        GridLayout.of(plan.spec()),
        plan.spec().getStrategies().stream().map(StrategySpec::getName).toList(),
        cells);
  }

  /** The plan in the plan ConfigMap, once the sweep started; a plan that cannot be read throws. */
  static Optional<SweepPlan> frozenPlan(Optional<ConfigMap> cm) throws PlanException {
    if (cm.isEmpty()) {
      return Optional.empty();
    }
    String name = cm.get().getMetadata().getName();
    String json =
        cm.get().getData() == null ? null : cm.get().getData().get(ResultsConfigMaps.PLAN_KEY);
    if (json == null) {
      throw new PlanException("ConfigMap " + name + " has no " + ResultsConfigMaps.PLAN_KEY);
    }
    try {
      return Optional.of(SweepPlan.fromJson(json));
    } catch (PlanException e) {
      throw new PlanException("ConfigMap " + name + ": " + e.getMessage());
    }
  }

  private static <R extends HasMetadata> Map<String, List<R>> byStrategy(Collection<R> children) {
    Map<String, List<R>> grouped = new HashMap<>();
    for (R r : children) {
      String strategy = SweepChildren.strategyOf(r);
      if (strategy != null) {
        grouped.computeIfAbsent(strategy, s -> new ArrayList<>()).add(r);
      }
    }
    return grouped;
  }
}
