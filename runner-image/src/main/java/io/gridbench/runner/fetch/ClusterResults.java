package io.gridbench.runner.fetch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.runner.measure.CellOrder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results document of a sweep that ran on Kubernetes, built from what the cluster keeps: the
 * frozen plan (the spec that was measured), the sweep's status (phases, times, errors) and the
 * results ConfigMaps (every cell's samples, statistics and checksum), so that {@code report},
 * {@code compare} and {@code export} work on cluster runs as on local ones.
 */
public final class ClusterResults {
  private final KubernetesClient client;

  public ClusterResults(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Reads sweep {@code name} in {@code namespace}, or, when it is gone (or a new sweep of that name
   * waits for them), the results it retained ({@code spec.retainResults}); a missing or unreadable
   * part says which.
   */
  public SweepResults fetch(String namespace, String name) throws FetchException {
    BenchmarkSweep sweep =
        client.resources(BenchmarkSweep.class).inNamespace(namespace).withName(name).get();
    ConfigMap planMap =
        client.configMaps().inNamespace(namespace).withName(ChildNames.planConfigMap(name)).get();
    boolean retained =
        planMap != null
            && planMap.getMetadata().getLabels() != null
            && "true".equals(planMap.getMetadata().getLabels().get(Labels.RETAINED));
    if (sweep == null && !retained) {
      throw new FetchException(
          "no BenchmarkSweep "
              + name
              + " in namespace "
              + namespace
              + ", and no results retained by one (spec.retainResults).");
    }
    if (planMap == null || planMap.getData() == null) {
      throw new FetchException(
          "sweep "
              + namespace
              + "/"
              + name
              + " has no plan ConfigMap "
              + ChildNames.planConfigMap(name)
              + " yet: the operator has not started it.");
    }
    try {
      SweepPlan plan = SweepPlan.fromJson(planMap.getData().get(ResultsConfigMaps.PLAN_KEY));
      boolean planOfSweep =
          sweep != null
              && (plan.sweepUid() == null || plan.sweepUid().equals(sweep.getMetadata().getUid()));
      if (planOfSweep) {
        return build(sweep, plan, shards(namespace, name, plan.sweepUid()), null);
      }
      if (!retained) {
        throw new FetchException(
            "sweep "
                + namespace
                + "/"
                + name
                + " has not started: ConfigMap "
                + ChildNames.planConfigMap(name)
                + " is an earlier sweep's, not yet garbage-collected.");
      }
      // The sweep is gone (or a new one of that name waits): its retained plan and results.
      return build(
          null,
          plan,
          shards(namespace, name, plan.sweepUid()),
          instant(planMap.getMetadata().getCreationTimestamp()));
    } catch (PlanException e) {
      throw new FetchException(e.getMessage());
    }
  }

  /** What the results ConfigMaps hold, by strategy: its cells and the machine it ran on. */
  private record Shards(Map<String, List<CellResult>> cells, Map<String, MachineInfo> machines) {}

  /** The results ConfigMaps of sweep {@code name} whose uid is {@code uid} (null: any). */
  private Shards shards(String namespace, String name, String uid) throws PlanException {
    List<ConfigMap> shards =
        new ArrayList<>(
            client
                .configMaps()
                .inNamespace(namespace)
                .withLabels(Labels.of(name, Labels.RESULTS, null))
                .list()
                .getItems());
    shards.sort(Comparator.comparing(cm -> cm.getMetadata().getName()));
    Map<String, Map<CellKey, CellResult>> cells = new HashMap<>();
    Map<String, MachineInfo> machines = new HashMap<>();
    for (ConfigMap cm : shards) {
      String strategy = cm.getMetadata().getLabels().get(Labels.STRATEGY);
      if (strategy == null || (uid != null && !Labels.belongsTo(cm, uid))) {
        continue;
      }
      String machine =
          cm.getData() == null ? null : cm.getData().get(ResultsConfigMaps.MACHINE_KEY);
      if (machine != null) {
        machines.put(
            strategy,
            ResultsConfigMaps.decodeMachine(
                "ConfigMap " + cm.getMetadata().getName() + " key " + ResultsConfigMaps.MACHINE_KEY,
                machine));
      }
      for (CellResult c : ResultsConfigMaps.decodeAll(cm.getMetadata().getName(), cm.getData())) {
        cells.computeIfAbsent(strategy, s -> new LinkedHashMap<>()).put(c.key(), c);
      }
    }
    Map<String, List<CellResult>> lists = new HashMap<>();
    cells.forEach((s, byKey) -> lists.put(s, List.copyOf(byKey.values())));
    return new Shards(lists, machines);
  }

  /**
   * The one machine every strategy ran on, pod names aside, or empty when they differ (or some
   * recorded none): then each strategy carries its own.
   */
  static Optional<MachineInfo> sharedMachine(List<String> strategies, Map<String, MachineInfo> m) {
    if (strategies.isEmpty() || !m.keySet().containsAll(strategies)) {
      return Optional.empty();
    }
    MachineInfo first = m.get(strategies.get(0));
    boolean same =
        strategies.stream()
            .map(m::get)
            .allMatch(x -> withoutHostname(x).equals(withoutHostname(first)));
    return same ? Optional.of(first) : Optional.empty();
  }

  private static MachineInfo withoutHostname(MachineInfo m) {
    return new MachineInfo(
        m.node(),
        null,
        m.availableProcessors(),
        m.totalMemoryBytes(),
        m.cpuModel(),
        m.osName(),
        m.osVersion(),
        m.osArch(),
        m.javaVersion(),
        m.javaVendor(),
        m.jvmName(),
        m.maxHeapBytes());
  }

  /**
   * The results document; without {@code sweep} (retained results of a deleted sweep: no status) a
   * strategy with every cell measured counts as Succeeded, others as Incomplete, the run started
   * when its plan was frozen ({@code frozenAt}) and ended with its last measured cell.
   */
  private static SweepResults build(
      BenchmarkSweep sweep, SweepPlan plan, Shards shards, Instant frozenAt) {
    Map<String, List<CellResult>> cells = shards.cells();
    Optional<MachineInfo> shared =
        sharedMachine(
            plan.spec().getStrategies().stream().map(StrategySpec::getName).toList(),
            shards.machines());
    BenchmarkSweepStatus status =
        sweep == null || sweep.getStatus() == null ? new BenchmarkSweepStatus() : sweep.getStatus();
    Map<String, StrategyStatus> statuses = new HashMap<>();
    if (status.getStrategies() != null) {
      status.getStrategies().forEach(s -> statuses.put(s.getName(), s));
    }
    Map<CellKey, Integer> layout = new HashMap<>();
    List<CellKey> order = CellOrder.layout(plan.spec());
    for (int i = 0; i < order.size(); i++) {
      layout.put(order.get(i), i);
    }
    List<StrategyResult> strategies = new ArrayList<>();
    for (StrategySpec s : plan.spec().getStrategies()) {
      StrategyStatus st = statuses.getOrDefault(s.getName(), new StrategyStatus());
      List<CellResult> measured = new ArrayList<>(cells.getOrDefault(s.getName(), List.of()));
      measured.sort(Comparator.comparingInt(c -> layout.getOrDefault(c.key(), Integer.MAX_VALUE)));
      StrategyResult.Outcome outcome =
          st.getPhase() == null
              ? (sweep == null && measured.size() >= order.size()
                  ? StrategyResult.Outcome.Succeeded
                  : StrategyResult.Outcome.Incomplete)
              : switch (st.getPhase()) {
                case Succeeded -> StrategyResult.Outcome.Succeeded;
                case Failed -> StrategyResult.Outcome.Failed;
                default -> StrategyResult.Outcome.Incomplete;
              };
      strategies.add(
          new StrategyResult(
              s.getName(),
              s.getType(),
              // Ray strategies run their driver against the sweep's RayCluster.
              s.getType().isRay() ? ExecutionMode.RAY_CLUSTER : ExecutionMode.LOCAL,
              plan.spec().workersFor(s),
              s.rebuildsPerCell(),
              outcome,
              outcome == StrategyResult.Outcome.Failed ? st.getMessage() : null,
              instant(st.getStartTime()),
              instant(st.getFinishTime()),
              measured,
              null,
              shared.isPresent() ? null : shards.machines().get(s.getName())));
    }
    Instant started;
    Instant finished;
    if (sweep == null) {
      started = frozenAt;
      finished =
          strategies.stream().allMatch(r -> r.outcome() == StrategyResult.Outcome.Succeeded)
              ? strategies.stream()
                  .flatMap(r -> r.cells().stream())
                  .map(CellResult::measuredAt)
                  .filter(java.util.Objects::nonNull)
                  .max(Instant::compareTo)
                  .orElse(frozenAt)
              : null;
    } else {
      Instant start = instant(status.getStartTime());
      started = start != null ? start : instant(sweep.getMetadata().getCreationTimestamp());
      finished = terminal(status) ? instant(status.getCompletionTime()) : null;
    }
    return new SweepResults(
        SweepResults.SCHEMA_VERSION,
        plan.sweep(),
        plan.spec(),
        shared.orElse(null),
        started,
        finished,
        strategies,
        null,
        null);
  }

  private static boolean terminal(BenchmarkSweepStatus status) {
    return status.getPhase() != null
        && switch (status.getPhase()) {
          case Succeeded, PartiallySucceeded, Failed -> true;
          default -> false;
        };
  }

  /** A time the operator wrote, or null when absent or unreadable. */
  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
