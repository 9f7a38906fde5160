package io.gridbench.operator.observe;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.operator.dependent.SweepChildren;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The results ConfigMaps of a sweep that the operator created, by strategy: which shards exist and
 * which hold anything. Only ConfigMaps of the sweep (its uid in their owner references, or in the
 * {@link Labels#SWEEP_UID} label of retained results) and named as its shards count, so a
 * same-named ConfigMap of another sweep is never granted to this sweep's ServiceAccount.
 *
 * @param byStrategy for each strategy, its shard indices mapped to whether the shard holds data
 */
public record ResultShards(Map<String, NavigableMap<Integer, Boolean>> byStrategy) {

  public static final ResultShards NONE = new ResultShards(Map.of());

  public ResultShards {
    Map<String, NavigableMap<Integer, Boolean>> copy = new TreeMap<>();
    byStrategy.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
    byStrategy = Map.copyOf(copy);
  }

  /** The shards among {@code configMaps} (results-labelled children of {@code sweep}). */
  public static ResultShards of(BenchmarkSweep sweep, Collection<ConfigMap> configMaps) {
    String name = sweep.getMetadata().getName();
    String uid = sweep.getMetadata().getUid();
    Map<String, NavigableMap<Integer, Boolean>> shards = new TreeMap<>();
    for (ConfigMap cm : configMaps) {
      String strategy = SweepChildren.strategyOf(cm);
      if (strategy == null || !Labels.belongsTo(cm, uid)) {
        continue;
      }
      int index = ChildNames.resultsShard(name, strategy, cm.getMetadata().getName());
      if (index >= 0) {
        shards
            .computeIfAbsent(strategy, s -> new TreeMap<>())
            .put(index, cm.getData() != null && !cm.getData().isEmpty());
      }
    }
    return new ResultShards(shards);
  }

  /**
   * The shard a worker of {@code strategy} may need next: the one after the last shard holding
   * data, or the first.
   */
  public int next(String strategy) {
    NavigableMap<Integer, Boolean> shards = byStrategy.getOrDefault(strategy, new TreeMap<>());
    return shards.descendingMap().entrySet().stream()
        .filter(Map.Entry::getValue)
        .findFirst()
        .map(e -> e.getKey() + 1)
        .orElse(0);
  }

  /** The names of every shard, sorted: what the sweep's Role grants, and nothing else. */
  public List<String> names(String sweep) {
    List<String> names = new ArrayList<>();
    byStrategy.forEach(
        (strategy, shards) ->
            shards
                .keySet()
                .forEach(i -> names.add(ChildNames.resultsConfigMap(sweep, strategy, i))));
    names.sort(null);
    return names;
  }
}
