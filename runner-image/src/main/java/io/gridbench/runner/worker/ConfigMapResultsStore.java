package io.gridbench.runner.worker;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.MachineInfo;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One strategy's results ConfigMaps: reads what earlier attempts recorded and appends a cell at a
 * time. The operator creates every shard (the first before the Job, the next one as soon as the
 * last one holds a cell) and grants the sweep's ServiceAccount {@code get} and {@code update} on
 * exactly those names, so the store only reads and updates ConfigMaps by name: it never lists and
 * never creates. Writes are optimistic (the update carries the resourceVersion last seen); a
 * conflict means someone else wrote in between, so the store re-reads and tries again.
 */
public final class ConfigMapResultsStore implements ResultsStore {

  /**
   * Conflicts come from another writer of the same ConfigMap (a retried pod and its predecessor):
   * when both write at the same pace, the one that re-reads keeps losing the race unless it backs
   * off, so waits grow from about 5 ms to 200-400 ms, jittered; 20 attempts take 3-6 s at most.
   */
  static final int MAX_ATTEMPTS = 20;

  /**
   * How long the store waits for a shard the operator has not created or granted yet: the next
   * shard normally exists long before it is needed, so only an operator that is down (restarting,
   * upgrading) makes the worker wait this long before it gives up and its pod is retried.
   */
  static final Duration SHARD_WAIT = Duration.ofMinutes(3);

  private static final long MAX_BACKOFF_MILLIS = 200;
  private static final long MAX_POLL_MILLIS = 2_000;

  private final KubernetesClient client;
  private final SweepPlan plan;
  private final String strategy;
  private final int shardBudget;
  private final Duration shardWait;

  /** The shard written last as last seen; null before the first read. */
  private ConfigMap current;

  private int shard;

  public ConfigMapResultsStore(KubernetesClient client, SweepPlan plan, String strategy) {
    this(client, plan, strategy, ResultsConfigMaps.SHARD_BUDGET_BYTES, SHARD_WAIT);
  }

  ConfigMapResultsStore(
      KubernetesClient client, SweepPlan plan, String strategy, int budget, Duration shardWait) {
    this.client = client;
    this.plan = plan;
    this.strategy = strategy;
    this.shardBudget = budget;
    this.shardWait = shardWait;
  }

  /**
   * Reads the shards in order by name, from the first (waited for) until one is missing or not
   * granted yet; the next cell goes into the last shard that holds anything.
   */
  @Override
  public List<CellResult> load() throws PlanException {
    List<CellResult> cells = new ArrayList<>();
    current = awaitShard(0);
    shard = 0;
    cells.addAll(ResultsConfigMaps.decodeAll(current.getMetadata().getName(), current.getData()));
    for (int i = 1; i < ResultsConfigMaps.MAX_SHARDS; i++) {
      ConfigMap cm = readable(i);
      if (cm == null) {
        break;
      }
      checkOwned(cm);
      if (cm.getData().isEmpty()) {
        continue;
      }
      cells.addAll(ResultsConfigMaps.decodeAll(cm.getMetadata().getName(), cm.getData()));
      current = cm;
      shard = i;
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
          current = awaitShard(shard);
        }
        if (!current.getData().containsKey(key)
            && dataBytes(current) + ResultsConfigMaps.entryBytes(key, value) > shardBudget
            && !current.getData().isEmpty()) {
          if (shard + 1 >= ResultsConfigMaps.MAX_SHARDS) {
            throw new PlanException(
                "the results of strategy '"
                    + strategy
                    + "' fill all "
                    + ResultsConfigMaps.MAX_SHARDS
                    + " ConfigMaps of "
                    + ResultsConfigMaps.SHARD_BUDGET_BYTES / 1024
                    + " KiB a strategy may use; measure fewer cells (spec.grid) or keep fewer"
                    + " samples (spec.repetitions)");
          }
          shard++;
          current = awaitShard(shard);
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
        current = readable(shard);
      }
    }
  }

  @Override
  public void recordDrift(DriftReport drift) throws PlanException {
    recordInFirstShard(ResultsConfigMaps.DRIFT_KEY, ResultsConfigMaps.encodeDrift(drift));
  }

  @Override
  public void recordMachine(MachineInfo machine) throws PlanException {
    recordInFirstShard(ResultsConfigMaps.MACHINE_KEY, ResultsConfigMaps.encodeMachine(machine));
  }

  /** Sets {@code key} of the first shard, which holds the entries that are not cells. */
  private void recordInFirstShard(String key, String value) throws PlanException {
    for (int attempt = 1; ; attempt++) {
      try {
        ConfigMap first = awaitShard(0);
        ConfigMap next = new ConfigMapBuilder(first).addToData(key, value).build();
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

  /**
   * Shard {@code index}, waiting until the operator has created it and granted it to this pod's
   * ServiceAccount (404 and 403 both mean "not yet" here); after {@link #shardWait} the last
   * refusal is thrown with what to check.
   */
  private ConfigMap awaitShard(int index) throws PlanException {
    String name = ChildNames.resultsConfigMap(plan.sweep(), strategy, index);
    long deadline = System.nanoTime() + shardWait.toNanos();
    for (long pause = 50; ; pause = Math.min(MAX_POLL_MILLIS, pause * 2)) {
      int code;
      try {
        ConfigMap cm = client.configMaps().inNamespace(plan.namespace()).withName(name).get();
        if (cm != null) {
          checkOwned(cm);
          return withData(cm);
        }
        code = HttpURLConnection.HTTP_NOT_FOUND;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
          throw e;
        }
        code = e.getCode();
      }
      if (System.nanoTime() >= deadline) {
        String message =
            "results ConfigMap "
                + name
                + (code == HttpURLConnection.HTTP_FORBIDDEN
                    ? " is not granted to this pod's ServiceAccount"
                    : " does not exist")
                + " after "
                + shardWait.toSeconds()
                + " s; the operator creates every results ConfigMap of sweep "
                + plan.sweep()
                + " and grants it to ServiceAccount "
                + ChildNames.workerAccount(plan.sweep())
                + ": check that the operator is running";
        throw new KubernetesClientException(
            message, code, new StatusBuilder().withCode(code).withMessage(message).build());
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlanException("interrupted while waiting for results ConfigMap " + name);
      }
    }
  }

  /** Shard {@code index} if it exists and this pod may read it, else null. */
  private ConfigMap readable(int index) {
    String name = ChildNames.resultsConfigMap(plan.sweep(), strategy, index);
    try {
      ConfigMap cm = client.configMaps().inNamespace(plan.namespace()).withName(name).get();
      return cm == null ? null : withData(cm);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        return null;
      }
      throw e;
    }
  }

  /** Refuses a same-named ConfigMap of another sweep rather than writing into it. */
  private void checkOwned(ConfigMap cm) throws PlanException {
    Map<String, String> labels = cm.getMetadata().getLabels();
    boolean ours =
        labels != null
            && plan.sweep().equals(labels.get(Labels.SWEEP))
            && strategy.equals(labels.get(Labels.STRATEGY))
            && (plan.sweepUid() == null || Labels.belongsTo(cm, plan.sweepUid()));
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
