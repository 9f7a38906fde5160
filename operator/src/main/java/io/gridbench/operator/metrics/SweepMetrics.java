package io.gridbench.operator.metrics;

import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.status.SweepStatusBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code gridbench_*} gauges: one snapshot per sweep, replaced by every reconcile and removed
 * when the sweep is deleted, so the metrics always say what the sweeps' status says. Label sets are
 * bounded by the status: cells only where status carries matrices (at most 12,000 entries a sweep).
 */
public final class SweepMetrics implements MultiCollector {

  public static final String CELL_DURATION = "gridbench_cell_duration_seconds";
  public static final String SWEEP_CELLS_MEASURED = "gridbench_sweep_cells_measured";
  public static final String SWEEP_CELLS_PLANNED = "gridbench_sweep_cells_planned";
  public static final String SWEEP_PHASE = "gridbench_sweep_phase";
  public static final String STRATEGY_CELLS_MEASURED = "gridbench_strategy_cells_measured";
  public static final String STRATEGY_CELLS_PLANNED = "gridbench_strategy_cells_planned";
  public static final String STRATEGY_PHASE = "gridbench_strategy_phase";
  public static final String STRATEGY_WALL_TIME = "gridbench_strategy_wall_time_seconds";
  public static final String STRATEGY_CANARY_DRIFT = "gridbench_strategy_canary_drift_ratio";
  public static final String SWEEP_START = "gridbench_sweep_start_timestamp_seconds";
  public static final String SWEEP_COMPLETION = "gridbench_sweep_completion_timestamp_seconds";

  /** Exported as {@code gridbench_strategy_info}: the client appends the info suffix. */
  public static final String STRATEGY_INFO = "gridbench_strategy";

  /** Every metric this collector exports. */
  public static final List<String> NAMES =
      List.of(
          CELL_DURATION,
          SWEEP_CELLS_MEASURED,
          SWEEP_CELLS_PLANNED,
          SWEEP_PHASE,
          STRATEGY_CELLS_MEASURED,
          STRATEGY_CELLS_PLANNED,
          STRATEGY_PHASE,
          STRATEGY_WALL_TIME,
          STRATEGY_CANARY_DRIFT,
          SWEEP_START,
          SWEEP_COMPLETION,
          STRATEGY_INFO);

  /** The cell quantiles exported: the fastest sample, the median, the slowest. */
  private static final List<String> QUANTILES = List.of("0", "0.5", "1");

  private final Clock clock;
  private final boolean cellSeries;
  private final Map<ResourceID, Snapshot> sweeps = new ConcurrentHashMap<>();

  /** Gauges with the per-cell series. */
  public SweepMetrics(Clock clock) {
    this(clock, true);
  }

  /**
   * Gauges with ({@code cellSeries}) or without the per-cell series: three per strategy per cell,
   * which a big grid may not want in its Prometheus.
   */
  public SweepMetrics(Clock clock, boolean cellSeries) {
    this.clock = clock;
    this.cellSeries = cellSeries;
  }

  /**
   * Replaces what is exported for the sweep {@code namespace/name} by its {@code status} and the
   * grid of {@code results} it was built from (each cell's fastest, median and slowest sample).
   */
  public void observe(
      String namespace, String name, BenchmarkSweepStatus status, GridResults results) {
    sweeps.put(
        new ResourceID(name, namespace),
        Snapshot.of(namespace, name, status, cellSeries ? results : GridResults.empty()));
  }

  /** Drops every series of a deleted sweep. */
  public void forget(ResourceID sweep) {
    sweeps.remove(sweep);
  }

  @Override
  public List<String> getPrometheusNames() {
    return NAMES;
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder cell =
        gauge(
            CELL_DURATION,
            "Seconds per cell of a strategy over its samples: quantile=0 the fastest, 0.5 the"
                + " median, 1 the slowest.");
    GaugeSnapshot.Builder sweepMeasured =
        gauge(SWEEP_CELLS_MEASURED, "Cells measured so far, all strategies of the sweep.");
    GaugeSnapshot.Builder sweepPlanned =
        gauge(SWEEP_CELLS_PLANNED, "Cells to measure, all strategies of the sweep.");
    GaugeSnapshot.Builder sweepPhase =
        gauge(SWEEP_PHASE, "1 for the sweep's current phase, 0 for the others.");
    GaugeSnapshot.Builder strategyMeasured =
        gauge(STRATEGY_CELLS_MEASURED, "Cells the strategy measured so far.");
    GaugeSnapshot.Builder strategyPlanned =
        gauge(STRATEGY_CELLS_PLANNED, "Cells the strategy is to measure.");
    GaugeSnapshot.Builder strategyPhase =
        gauge(STRATEGY_PHASE, "1 for the strategy's current phase, 0 for the others.");
    GaugeSnapshot.Builder wall =
        gauge(
            STRATEGY_WALL_TIME,
            "Seconds from the start of the strategy's Job to its end, or to now while it runs.");
    GaugeSnapshot.Builder drift =
        gauge(
            STRATEGY_CANARY_DRIFT,
            "How far the worker's drift canary moved, (slowest - fastest) / fastest; absent"
                + " without a canary.");
    GaugeSnapshot.Builder started =
        gauge(SWEEP_START, "Unix time the sweep started; absent before it starts.");
    GaugeSnapshot.Builder completed =
        gauge(SWEEP_COMPLETION, "Unix time the sweep reached a final phase; absent before.");
    InfoSnapshot.Builder info =
        InfoSnapshot.builder()
            .name(STRATEGY_INFO)
            .help(
                "Always 1; its type label says which strategy type a strategy name runs, e.g. to"
                    + " find the SingleThread baseline.");
    Instant now = clock.instant();
    for (Snapshot s : sweeps.values()) {
      Labels sweepLabels = Labels.of("namespace", s.namespace, "sweep", s.name);
      point(sweepMeasured, sweepLabels, s.cellsDone);
      point(sweepPlanned, sweepLabels, s.cellsTotal);
      if (s.start != null) {
        point(started, sweepLabels, s.start.toEpochMilli() / 1000.0);
      }
      if (s.completion != null) {
        point(completed, sweepLabels, s.completion.toEpochMilli() / 1000.0);
      }
      for (SweepPhase phase : SweepPhase.values()) {
        point(sweepPhase, sweepLabels.add("phase", phase.name()), phase == s.phase ? 1 : 0);
      }
      for (StrategySnapshot st : s.strategies) {
        Labels labels = sweepLabels.add("strategy", st.name);
        info.dataPoint(InfoDataPointSnapshot.builder().labels(labels.add("type", st.type)).build());
        point(strategyMeasured, labels, st.cellsDone);
        point(strategyPlanned, labels, st.cellsTotal);
        for (StrategyPhase phase : StrategyPhase.values()) {
          point(strategyPhase, labels.add("phase", phase.name()), phase == st.phase ? 1 : 0);
        }
        if (st.canaryDriftPercent != null) {
          point(drift, labels, st.canaryDriftPercent / 100.0);
        }
        if (st.start != null) {
          Instant end = st.finish != null ? st.finish : now;
          point(wall, labels, Math.max(0, Duration.between(st.start, end).toMillis() / 1000.0));
        }
        for (CellSnapshot c : st.cells) {
          Labels cellLabels =
              labels
                  .add("compute", Long.toString(c.compute))
                  .add("payload_bytes", Long.toString(c.payloadBytes));
          double[] values = {c.min, c.median, c.max};
          for (int q = 0; q < QUANTILES.size(); q++) {
            point(cell, cellLabels.add("quantile", QUANTILES.get(q)), values[q]);
          }
        }
      }
    }
    return MetricSnapshots.of(
        cell.build(),
        sweepMeasured.build(),
        sweepPlanned.build(),
        sweepPhase.build(),
        strategyMeasured.build(),
        strategyPlanned.build(),
        strategyPhase.build(),
        wall.build(),
        drift.build(),
        started.build(),
        completed.build(),
        info.build());
  }

  private static GaugeSnapshot.Builder gauge(String name, String help) {
    return GaugeSnapshot.builder().name(name).help(help);
  }

  private static void point(GaugeSnapshot.Builder gauge, Labels labels, double value) {
    gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
  }

  /**
   * What one sweep's status says, copied so that later changes to the status object cannot leak.
   */
  private record Snapshot(
      String namespace,
      String name,
      SweepPhase phase,
      int cellsDone,
      int cellsTotal,
      Instant start,
      Instant completion,
      List<StrategySnapshot> strategies) {

    static Snapshot of(
        String namespace, String name, BenchmarkSweepStatus status, GridResults results) {
      // Cells only where status carries matrices: that bounds the label sets the same way.
      boolean cells = SweepStatusBuilder.carriesMatrices(results);
      List<StrategySnapshot> strategies = new ArrayList<>();
      for (StrategyStatus st : status.getStrategies()) {
        strategies.add(
            StrategySnapshot.of(st, cells ? results.measuredCells(st.getName()) : List.of()));
      }
      strategies.sort(Comparator.comparing(StrategySnapshot::name));
      return new Snapshot(
          namespace,
          name,
          status.getPhase(),
          orZero(status.getCellsDone()),
          orZero(status.getCellsTotal()),
          instant(status.getStartTime()),
          instant(status.getCompletionTime()),
          List.copyOf(strategies));
    }
  }

  private record StrategySnapshot(
      String name,
      String type,
      StrategyPhase phase,
      int cellsDone,
      int cellsTotal,
      Instant start,
      Instant finish,
      Double canaryDriftPercent,
      List<CellSnapshot> cells) {

    static StrategySnapshot of(StrategyStatus st, List<CellResult> cells) {
      return new StrategySnapshot(
          st.getName(),
          st.getType() == null ? "" : st.getType().name(),
          st.getPhase(),
          orZero(st.getCellsDone()),
          orZero(st.getCellsTotal()),
          instant(st.getStartTime()),
          instant(st.getFinishTime()),
          st.getCanaryDriftPercent(),
          cells.stream()
              .map(
                  r ->
                      new CellSnapshot(
                          r.compute(),
                          r.payloadBytes(),
                          r.stats().min(),
                          r.stats().median(),
                          r.stats().max()))
              .toList());
    }
  }

  private record CellSnapshot(
      long compute, long payloadBytes, double min, double median, double max) {}

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }

  /** A status time, or null when absent or unreadable (it is written by this operator). */
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
