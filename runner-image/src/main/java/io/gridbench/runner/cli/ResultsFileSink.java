package io.gridbench.runner.cli;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.measure.CellOrder;
import io.gridbench.runner.measure.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code --out} a valid results file while a run goes: after measured cells (at most every
 * {@link #INTERVAL}), when a strategy finishes, and once more when the JVM is stopped (Ctrl-C), so
 * an interrupted run leaves a partial file that {@code --resume} completes. Each write is atomic.
 */
final class ResultsFileSink implements ProgressListener {
  /** Rewriting the whole file after every cell would cost quadratic time on a big grid. */
  static final Duration INTERVAL = Duration.ofSeconds(2);

  private final Path file;
  private final String sweep;
  private final BenchmarkSweepSpec spec;
  private final Map<String, StrategyResult> carried;
  private final Clock clock;
  private final Instant startedAt;
  private final MachineInfo machine = MachineInfo.current();
  private final Map<String, StrategyResult> finished = new HashMap<>();
  private final Map<String, Instant> started = new HashMap<>();
  private final Map<String, Map<CellKey, CellResult>> cells = new LinkedHashMap<>();
  private final Map<CellKey, Integer> layout = new HashMap<>();
  private Instant lastWrite = Instant.MIN;
  private IOException lastFailure;

  /**
   * A sink for {@code selected} of {@code spec}; {@code prior} (a resumed file, or null) gives the
   * cells already measured and the strategies this run leaves alone.
   */
  ResultsFileSink(
      Path file,
      String sweep,
      BenchmarkSweepSpec spec,
      List<StrategySpec> selected,
      SweepResults prior,
      Clock clock) {
    this.file = file;
    this.sweep = sweep;
    this.spec = spec;
    this.clock = clock;
    this.startedAt = prior != null ? prior.startedAt() : clock.instant();
    this.carried = new LinkedHashMap<>();
    if (prior != null) {
      prior.strategies().forEach(s -> carried.put(s.name(), s));
    }
    List<CellKey> order = CellOrder.layout(spec);
    for (int i = 0; i < order.size(); i++) {
      layout.put(order.get(i), i);
    }
    for (StrategySpec s : selected) {
      Map<CellKey, CellResult> kept = new LinkedHashMap<>();
      StrategyResult before = carried.remove(s.getName());
      if (before != null) {
        before.cells().forEach(c -> kept.put(c.key(), c));
      }
      cells.put(s.getName(), kept);
    }
  }

  /** The cells {@code prior} already holds for each selected strategy, for the runner to skip. */
  Map<String, List<CellResult>> alreadyMeasured() {
    Map<String, List<CellResult>> measured = new HashMap<>();
    cells.forEach((name, kept) -> measured.put(name, List.copyOf(kept.values())));
    return measured;
  }

  @Override
  public synchronized void strategyStarted(StrategySpec strategy) {
    started.put(strategy.getName(), clock.instant());
  }

  @Override
  public synchronized void cellMeasured(
      StrategySpec strategy, CellResult cell, int done, int totalCells) {
    cells.get(strategy.getName()).put(cell.key(), cell);
    Instant now = clock.instant();
    if (Duration.between(lastWrite, now).compareTo(INTERVAL) >= 0) {
      write();
    }
  }

  @Override
  public synchronized void strategyFinished(StrategyResult result) {
    finished.put(result.name(), result);
    write();
  }

  /** Writes what is known now; called at Ctrl-C, when no later write will come. */
  synchronized void flush() {
    write();
  }

  /**
   * The run's final results, with the strategies this run did not select carried over from the
   * resumed file, in manifest order.
   */
  SweepResults complete(SweepResults run) {
    Map<String, StrategyResult> byName = new HashMap<>(carried);
    run.strategies().forEach(s -> byName.put(s.name(), s));
    return new SweepResults(
        run.schemaVersion(),
        run.sweep(),
        run.spec(),
        run.machine(),
        startedAt,
        run.finishedAt(),
        inManifestOrder(byName),
        run.drift(),
        run.calibration());
  }

  /** The last write's failure, if the last write failed; the final write reports its own. */
  IOException lastFailure() {
    return lastFailure;
  }

  private void write() {
    lastWrite = clock.instant();
    try {
      ResultsJson.write(snapshot(), file);
      lastFailure = null;
    } catch (IOException e) {
      // A full disk mid-run must not stop the measuring; the final write says so if it persists.
      lastFailure = e;
    }
  }

  private SweepResults snapshot() {
    Map<String, StrategyResult> byName = new HashMap<>(carried);
    Map<String, StrategySpec> specs = new HashMap<>();
    spec.getStrategies().forEach(s -> specs.put(s.getName(), s));
    cells.forEach(
        (name, kept) -> {
          StrategyResult done = finished.get(name);
          if (done != null) {
            byName.put(name, done);
            return;
          }
          StrategySpec s = specs.get(name);
          List<CellResult> sorted = new ArrayList<>(kept.values());
          sorted.sort(
              Comparator.comparingInt(c -> layout.getOrDefault(c.key(), Integer.MAX_VALUE)));
          byName.put(
              name,
              new StrategyResult(
                  name,
                  s.getType(),
                  null,
                  spec.workersFor(s),
                  s.rebuildsPerCell(),
                  StrategyResult.Outcome.Incomplete,
                  null,
                  started.get(name),
                  null,
                  sorted));
        });
    return new SweepResults(
        SweepResults.SCHEMA_VERSION,
        sweep,
        spec,
        machine,
        startedAt,
        null,
        inManifestOrder(byName),
        null,
        null);
  }

  /** The strategies of {@code byName} in the manifest's order. */
  private List<StrategyResult> inManifestOrder(Map<String, StrategyResult> byName) {
    List<StrategyResult> ordered = new ArrayList<>();
    for (StrategySpec s : spec.getStrategies()) {
      if (byName.containsKey(s.getName())) {
        ordered.add(byName.get(s.getName()));
      }
    }
    return ordered;
  }
}
