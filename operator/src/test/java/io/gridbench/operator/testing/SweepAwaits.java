package io.gridbench.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** Waits and reads for integration tests in one namespace, with a generous timeout. */
public final class SweepAwaits {
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final String ns;

  public SweepAwaits(KubernetesClient client, String ns) {
    this.client = client;
    this.ns = ns;
  }

  public BenchmarkSweep get(String name) {
    return client.resources(BenchmarkSweep.class).inNamespace(ns).withName(name).get();
  }

  public Job job(String name) {
    return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
  }

  public Job awaitJob(String name) {
    return await().atMost(WAIT).until(() -> job(name), j -> j != null);
  }

  /** The sweep's status once {@code done} holds; the last status seen in the failure otherwise. */
  public BenchmarkSweepStatus awaitStatus(String name, Predicate<BenchmarkSweepStatus> done) {
    try {
      return await()
          .atMost(WAIT)
          .ignoreExceptions()
          .until(
              () -> Optional.ofNullable(get(name)).map(BenchmarkSweep::getStatus).orElse(null),
              s -> s != null && done.test(s));
    } catch (ConditionTimeoutException e) {
      BenchmarkSweep last = get(name);
      throw new AssertionError(
          "sweep "
              + name
              + " did not reach the expected status; last seen:\n"
              + Serialization.asYaml(last == null ? null : last.getStatus()),
          e);
    }
  }

  /** {@link #recordedCells} by cell. */
  public Map<CellKey, CellResult> recordedCellsByKey(String sweep, String strategy)
      throws PlanException {
    Map<CellKey, CellResult> cells = new HashMap<>();
    recordedCells(sweep, strategy).forEach(c -> cells.put(c.key(), c));
    return cells;
  }

  /** Every cell recorded for {@code strategy}, one per entry, across its shards. */
  public List<CellResult> recordedCells(String sweep, String strategy) throws PlanException {
    List<CellResult> cells = new ArrayList<>();
    for (ConfigMap cm :
        client
            .configMaps()
            .inNamespace(ns)
            .withLabel(Labels.SWEEP, sweep)
            .withLabel(Labels.STRATEGY, strategy)
            .withLabel(Labels.COMPONENT, Labels.RESULTS)
            .list()
            .getItems()) {
      cells.addAll(ResultsConfigMaps.decodeAll(cm.getMetadata().getName(), cm.getData()));
    }
    return cells;
  }

  /** The cell keys of {@code cells}. */
  public static List<CellKey> keys(List<CellResult> cells) {
    return cells.stream().map(CellResult::key).toList();
  }
}
