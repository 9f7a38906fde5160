package io.gridbench.runner.worker;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One strategy's results ConfigMaps: reads what earlier attempts recorded and appends a cell at a
 * time. Writes are optimistic (the update carries the resourceVersion last seen); a conflict means
 * someone else wrote in between, so the store re-reads and tries again.
 */
public final class ConfigMapResultsStore implements ResultsStore {

  /**
   * Conflicts come from another writer of the same ConfigMap (a retried pod and its predecessor):
   * when both write at the same pace, the one that re-reads keeps losing the race unless it backs
   * off, so waits grow from about 5 ms to 200-400 ms, jittered; 20 attempts take 3-6 s at most.
   */
  static final int MAX_ATTEMPTS = 20;

  private static final long MAX_BACKOFF_MILLIS = 200;

  private final KubernetesClient client;
  private final SweepPlan plan;
  private final String strategy;
  private final int shardBudget;

  /** The last shard as last seen; null before {@link #load()}. */
  private ConfigMap current;

  private int shard;

  public ConfigMapResultsStore(KubernetesClient client, SweepPlan plan, String strategy) {
    this(client, plan, strategy, ResultsConfigMaps.SHARD_BUDGET_BYTES);
  }

  ConfigMapResultsStore(KubernetesClient client, SweepPlan plan, String strategy, int budget) {
    this.client = client;
    this.plan = plan;
    this.strategy = strategy;
    this.shardBudget = budget;
  }

  @Override
  public List<CellResult> load() throws PlanException {
    List<ConfigMap> shards =
        new ArrayList<>(
            client
                .configMaps()
                .inNamespace(plan.namespace())
                .withLabel(Labels.SWEEP, plan.sweep())
                .withLabel(Labels.STRATEGY, strategy)
                .withLabel(Labels.COMPONENT, Labels.RESULTS)
                .list()
                .getItems());
    shards.sort(Comparator.comparingInt(this::shardOf));
    List<CellResult> cells = new ArrayList<>();
    for (ConfigMap cm : shards) {
      checkOwned(cm);
      cells.addAll(ResultsConfigMaps.decodeAll(cm.getMetadata().getName(), cm.getData()));
    }
    if (!shards.isEmpty()) {
      current = shards.get(shards.size() - 1);
      shard = shardOf(current);
    }
    return cells;
  }

  @Override
  public void record(CellResult cell) throws PlanException {
    String key = ResultsConfigMaps.key(cell.key());
    String value = ResultsConfigMaps.encode(cell);
    for (int attempt = 1; ; attempt++) {
      try {
        if (current == null) {
          current = createOrGet(shard);
        }
        if (!current.getData().containsKey(key)
            && dataBytes(current) + ResultsConfigMaps.entryBytes(key, value) > shardBudget
            && !current.getData().isEmpty()) {
          shard++;
          current = createOrGet(shard);
          continue;
        }
        ConfigMap next = new ConfigMapBuilder(current).addToData(key, value).build();
        current = client.configMaps().inNamespace(plan.namespace()).resource(next).update();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        backOff(attempt, e);
        current = reread(shard);
      }
    }
  }

  @Override
  public void recordDrift(DriftReport drift) throws PlanException {
    String value = ResultsConfigMaps.encodeDrift(drift);
    for (int attempt = 1; ; attempt++) {
      try {
        ConfigMap first = reread(0);
        if (first == null) {
          first = createOrGet(0);
        } else {
          checkOwned(first);
        }
        ConfigMap next =
            new ConfigMapBuilder(first).addToData(ResultsConfigMaps.DRIFT_KEY, value).build();
        ConfigMap written =
            client.configMaps().inNamespace(plan.namespace()).resource(next).update();
        if (shard == 0) {
          current = withData(written);
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        backOff(attempt, e);
      }
    }
  }

  private static void backOff(int attempt, KubernetesClientException conflict) {
    long base = Math.min(MAX_BACKOFF_MILLIS, 5L << Math.min(attempt - 1, 10));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(base, 2 * base + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw conflict;
    }
  }

  private ConfigMap createOrGet(int index) throws PlanException {
    String name = ChildNames.resultsConfigMap(plan.sweep(), strategy, index);
    ConfigMap existing = client.configMaps().inNamespace(plan.namespace()).withName(name).get();
    if (existing != null) {
      checkOwned(existing);
      return withData(existing);
    }
    ConfigMap fresh =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(plan.namespace())
            .withLabels(Labels.of(plan.sweep(), Labels.RESULTS, strategy))
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(BenchmarkSweep.API_VERSION)
                    .withKind(BenchmarkSweep.KIND)
                    .withName(plan.sweep())
                    .withUid(plan.sweepUid())
                    .build())
            .endMetadata()
            .withData(new LinkedHashMap<>())
            .build();
    try {
      return withData(client.configMaps().inNamespace(plan.namespace()).resource(fresh).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Another attempt of this worker created it first: use theirs.
      return reread(index);
    }
  }

  private ConfigMap reread(int index) {
    String name = ChildNames.resultsConfigMap(plan.sweep(), strategy, index);
    ConfigMap cm = client.configMaps().inNamespace(plan.namespace()).withName(name).get();
    return cm == null ? null : withData(cm);
  }

  /** Refuses a same-named ConfigMap of another sweep rather than writing into it. */
  private void checkOwned(ConfigMap cm) throws PlanException {
    Map<String, String> labels = cm.getMetadata().getLabels();
    boolean ours =
        labels != null
            && plan.sweep().equals(labels.get(Labels.SWEEP))
            && strategy.equals(labels.get(Labels.STRATEGY))
            && (plan.sweepUid() == null
                || cm.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> plan.sweepUid().equals(o.getUid())));
    if (!ours) {
      throw new PlanException(
          "ConfigMap "
              + cm.getMetadata().getName()
              + " exists but does not belong to strategy '"
              + strategy
              + "' of sweep "
              + plan.sweep()
              + " (uid "
              + plan.sweepUid()
              + "); rename the sweep or the strategy");
    }
  }

  private int shardOf(ConfigMap cm) {
    String name = cm.getMetadata().getName();
    String first = ChildNames.resultsConfigMap(plan.sweep(), strategy, 0);
    if (name.length() > first.length() + 1 && name.startsWith(first + ".")) {
      try {
        return Integer.parseInt(name.substring(first.length() + 1));
      } catch (NumberFormatException e) {
        return Integer.MAX_VALUE;
      }
    }
    return 0;
  }

  private static ConfigMap withData(ConfigMap cm) {
    if (cm.getData() == null) {
      cm.setData(new LinkedHashMap<>());
    }
    return cm;
  }

  private static int dataBytes(ConfigMap cm) {
    return cm.getData().entrySet().stream()
        .mapToInt(e -> ResultsConfigMaps.entryBytes(e.getKey(), e.getValue()))
        .sum();
  }
}
