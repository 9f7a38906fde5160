package io.gridbench.api.results;

import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What each strategy measured, cell by cell, over a sweep's expanded grid: rows and columns follow
 * the {@link GridLayout} (compute by payload unless other axes vary). The one grid walk of
 * gridbench: the operator's status and metrics, the HTML report and the CLI tables all read results
 * through it. Cells recorded off the grid are dropped; immutable.
 */
public final class GridResults {

  /** The strategy fastest in the most cells, with how many it won of how many were compared. */
  public record Leader(String strategy, int wins, int compared) {}

  private final GridLayout layout;
  private final List<CellKey> cellOrder;
  private final List<String> strategies;
  private final Map<String, Map<CellKey, CellResult>> cells;

  private GridResults(
      GridLayout layout, List<String> strategies, Map<String, Map<CellKey, CellResult>> cells) {
    this.layout = layout;
    this.cellOrder = layout.cells();
    this.strategies = List.copyOf(strategies);
    this.cells = cells;
  }

  /**
   * The cells {@code recorded} by strategy name, laid on the grid {@code compute} x {@code payload}
   * with one pool size per strategy and {@code tasks} tasks per cell; {@code strategies} gives
   * their order (a strategy without cells has an empty row).
   */
  public static GridResults of(
      List<Long> compute,
      List<Long> payload,
      int tasks,
      List<String> strategies,
      Map<String, ? extends Collection<CellResult>> recorded) {
    return of(
        GridLayout.of(compute, payload, CellKey.STRATEGY_WORKERS, tasks), strategies, recorded);
  }

  /**
   * The cells {@code recorded} by strategy name, laid on {@code layout}; {@code strategies} gives
   * their order (a strategy without cells has an empty row).
   */
  public static GridResults of(
      GridLayout layout,
      List<String> strategies,
      Map<String, ? extends Collection<CellResult>> recorded) {
    Set<CellKey> onGrid = new HashSet<>(layout.cells());
    Map<String, Map<CellKey, CellResult>> cells = new LinkedHashMap<>();
    for (String strategy : strategies) {
      Map<CellKey, CellResult> byKey = new HashMap<>();
      Collection<CellResult> mine = recorded.get(strategy);
      for (CellResult r : mine == null ? List.<CellResult>of() : mine) {
        CellKey key = layout.normalize(r.key());
        if (onGrid.contains(key)) {
          byKey.put(key, r);
        }
      }
      cells.put(strategy, Map.copyOf(byKey));
    }
    return new GridResults(layout, strategies, cells);
  }

  /** The cells of {@code strategies} on the grid of {@code spec}. */
  public static GridResults of(BenchmarkSweepSpec spec, Collection<StrategyResult> strategies) {
    List<String> names = new ArrayList<>();
    Map<String, List<CellResult>> recorded = new HashMap<>();
    for (StrategyResult s : strategies) {
      names.add(s.name());
      recorded.put(s.name(), s.cells());
    }
    return of(GridLayout.of(spec), names, recorded);
  }

  /** A grid without cells, for a sweep that has no plan yet. */
  public static GridResults empty() {
    return new GridResults(GridLayout.empty(), List.of(), Map.of());
  }

  /** The axes: which are rows and columns, and the values of the others. */
  public GridLayout layout() {
    return layout;
  }

  /** Row labels: values of the row axis (compute unless other axes vary). */
  public List<Long> rows() {
    return layout.rows();
  }

  /** Column labels: values of the column axis (payloadBytes unless other axes vary). */
  public List<Long> columns() {
    return layout.columns();
  }

  /** Strategy names, in the order given. */
  public List<String> strategies() {
    return strategies;
  }

  /** Cells per strategy: rows times columns. */
  public int cellsPerStrategy() {
    return cellOrder.size();
  }

  /** The cell {@code strategy} measured at {@code key}, if any. */
  public Optional<CellResult> cell(String strategy, CellKey key) {
    return Optional.ofNullable(cells.getOrDefault(strategy, Map.of()).get(key));
  }

  /** How many cells of the grid {@code strategy} measured. */
  public int measured(String strategy) {
    return cells.getOrDefault(strategy, Map.of()).size();
  }

  /** The cells {@code strategy} measured, row by row in grid order. */
  public List<CellResult> measuredCells(String strategy) {
    Map<CellKey, CellResult> byKey = cells.getOrDefault(strategy, Map.of());
    List<CellResult> list = new ArrayList<>(byKey.size());
    for (CellKey key : cellOrder) {
      CellResult r = byKey.get(key);
      if (r != null) {
        list.add(r);
      }
    }
    return list;
  }

  /** {@code value} of each of {@code strategy}'s cells laid out as rows x columns. */
  public <T> List<List<T>> matrix(String strategy, Function<CellResult, T> value, T notMeasured) {
    Map<CellKey, CellResult> byKey = cells.getOrDefault(strategy, Map.of());
    List<List<T>> rows = new ArrayList<>(layout.rows().size());
    for (long r : layout.rows()) {
      List<T> row = new ArrayList<>(layout.columns().size());
      for (long c : layout.columns()) {
        CellResult result = byKey.get(layout.key(r, c));
        row.add(result == null ? notMeasured : value.apply(result));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The strategy with the lowest median at {@code key}; the first listed wins a tie. */
  public Optional<String> fastest(CellKey key) {
    String best = null;
    double bestMedian = Double.MAX_VALUE;
    for (String strategy : strategies) {
      CellResult r = cells.get(strategy).get(key);
      if (r != null && r.stats().median() < bestMedian) {
        bestMedian = r.stats().median();
        best = strategy;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The fastest strategy of each cell as rows x columns, {@code none} where nothing measured. */
  public List<List<String>> fastestPerCell(String none) {
    List<List<String>> rows = new ArrayList<>(layout.rows().size());
    for (long r : layout.rows()) {
      List<String> row = new ArrayList<>(layout.columns().size());
      for (long c : layout.columns()) {
        row.add(fastest(layout.key(r, c)).orElse(none));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The strategy fastest in the most cells; the first listed wins a tie. */
  public Optional<Leader> leader() {
    Map<String, Integer> wins = new HashMap<>();
    int compared = 0;
    for (CellKey key : cellOrder) {
      Optional<String> best = fastest(key);
      if (best.isPresent()) {
        compared++;
        wins.merge(best.get(), 1, Integer::sum);
      }
    }
    Leader leader = null;
    for (String strategy : strategies) {
      int w = wins.getOrDefault(strategy, 0);
      if (w > 0 && (leader == null || w > leader.wins())) {
        leader = new Leader(strategy, w, compared);
      }
    }
    return Optional.ofNullable(leader);
  }
}
