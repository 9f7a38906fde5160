package io.gridbench.api.results;

import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The expanded axes of a sweep and how its cells are laid out: the two displayed axes (rows and
 * columns) are the varying ones, and where fewer than two vary, compute and then payloadBytes fill
 * in, so a grid of compute and payload alone is laid out as it always was. The other axes hold one
 * value each (validation allows at most two varying axes). Immutable.
 */
public final class GridLayout {
  private final Map<GridAxis, List<Long>> values;
  private final GridAxis rows;
  private final GridAxis columns;

  private GridLayout(Map<GridAxis, List<Long>> values, GridAxis rows, GridAxis columns) {
    this.values = values;
    this.rows = rows;
    this.columns = columns;
  }

  /**
   * The layout of {@code spec}: a missing workers axis is the single value {@link
   * CellKey#STRATEGY_WORKERS}, a missing tasks axis the sweep's {@code tasksPerCell}.
   */
  public static GridLayout of(BenchmarkSweepSpec spec) {
    Grid grid = spec.getGrid();
    Map<GridAxis, List<Long>> values = new EnumMap<>(GridAxis.class);
    values.put(GridAxis.COMPUTE, grid.getCompute().expand());
    values.put(GridAxis.PAYLOAD_BYTES, grid.getPayloadBytes().expand());
    values.put(
        GridAxis.WORKERS,
        grid.getWorkers() == null
            ? List.of((long) CellKey.STRATEGY_WORKERS)
            : grid.getWorkers().expand());
    values.put(
        GridAxis.TASKS_PER_CELL,
        grid.getTasksPerCell() == null
            ? List.of((long) spec.effectiveTasksPerCell())
            : grid.getTasksPerCell().expand());
    return of(values);
  }

  /** A layout of explicit axis values; every axis must be given. */
  public static GridLayout of(Map<GridAxis, List<Long>> axes) {
    Map<GridAxis, List<Long>> values = new EnumMap<>(GridAxis.class);
    for (GridAxis axis : GridAxis.values()) {
      values.put(axis, List.copyOf(axes.get(axis)));
    }
    List<GridAxis> shown = new ArrayList<>();
    for (GridAxis axis : GridAxis.values()) {
      if (values.get(axis).size() > 1 && shown.size() < 2) {
        shown.add(axis);
      }
    }
    for (GridAxis fill : List.of(GridAxis.COMPUTE, GridAxis.PAYLOAD_BYTES)) {
      if (shown.size() < 2 && !shown.contains(fill)) {
        shown.add(fill);
      }
    }
    shown.sort(null);
    return new GridLayout(values, shown.get(0), shown.get(1));
  }

  /** The layout of compute by payload with one workers and one tasks value. */
  public static GridLayout of(List<Long> compute, List<Long> payload, int workers, int tasks) {
    Map<GridAxis, List<Long>> axes = new EnumMap<>(GridAxis.class);
    axes.put(GridAxis.COMPUTE, compute);
    axes.put(GridAxis.PAYLOAD_BYTES, payload);
    axes.put(GridAxis.WORKERS, List.of((long) workers));
    axes.put(GridAxis.TASKS_PER_CELL, List.of((long) tasks));
    return of(axes);
  }

  /** A layout without cells. */
  public static GridLayout empty() {
    return of(List.of(), List.of(), CellKey.STRATEGY_WORKERS, 0);
  }

  public List<Long> values(GridAxis axis) {
    return values.get(axis);
  }

  /** The axis along the rows of every table and matrix. */
  public GridAxis rowAxis() {
    return rows;
  }

  /** The axis along the columns of every table and matrix. */
  public GridAxis columnAxis() {
    return columns;
  }

  public List<Long> rows() {
    return values.get(rows);
  }

  public List<Long> columns() {
    return values.get(columns);
  }

  /** The axes other than rows and columns with their one value, in axis order. */
  public Map<GridAxis, Long> fixed() {
    Map<GridAxis, Long> fixed = new EnumMap<>(GridAxis.class);
    for (GridAxis axis : GridAxis.values()) {
      if (axis != rows && axis != columns && !values.get(axis).isEmpty()) {
        fixed.put(axis, values.get(axis).get(0));
      }
    }
    return fixed;
  }

  /** Whether the sweep has a workers axis (its cells carry their pool size). */
  public boolean hasWorkersAxis() {
    List<Long> workers = values.get(GridAxis.WORKERS);
    return !(workers.size() == 1 && workers.get(0) == CellKey.STRATEGY_WORKERS);
  }

  /**
   * {@code key} as a cell of this layout: where the layout has one task count or no workers axis, a
   * recorded cell is placed by compute and payload alone, as before those axes existed.
   */
  public CellKey normalize(CellKey key) {
    List<Long> tasks = values.get(GridAxis.TASKS_PER_CELL);
    int t = tasks.size() == 1 ? Math.toIntExact(tasks.get(0)) : key.tasks();
    int w = hasWorkersAxis() ? key.workers() : CellKey.STRATEGY_WORKERS;
    return t == key.tasks() && w == key.workers()
        ? key
        : new CellKey(key.compute(), key.payloadBytes(), w, t);
  }

  /** The cell at row value {@code row} and column value {@code column}. */
  public CellKey key(long row, long column) {
    Map<GridAxis, Long> at = fixed();
    at.put(rows, row);
    at.put(columns, column);
    return key(at);
  }

  /** Every cell, row-major (rows as listed, then columns as listed). */
  public List<CellKey> cells() {
    List<CellKey> cells = new ArrayList<>();
    for (long c : values.get(GridAxis.COMPUTE)) {
      for (long p : values.get(GridAxis.PAYLOAD_BYTES)) {
        for (long w : values.get(GridAxis.WORKERS)) {
          for (long t : values.get(GridAxis.TASKS_PER_CELL)) {
            cells.add(new CellKey(c, p, Math.toIntExact(w), Math.toIntExact(t)));
          }
        }
      }
    }
    Map<Long, Integer> rowIndex = indexOf(rows());
    Map<Long, Integer> columnIndex = indexOf(columns());
    // Stable: cells of one row and column (only where an invalid grid varies a third axis) keep
    // their order.
    cells.sort(
        Comparator.<CellKey>comparingInt(k -> rowIndex.get(rows.of(k)))
            .thenComparingInt(k -> columnIndex.get(columns.of(k))));
    return cells;
  }

  /** How many cells each strategy measures. */
  public int cellCount() {
    int n = 1;
    for (List<Long> axis : values.values()) {
      n *= axis.size();
    }
    return n;
  }

  /** "workers 4, tasks 64": the values of the axes that are neither rows nor columns. */
  public String fixedDescription() {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<GridAxis, Long> e : fixed().entrySet()) {
      if (e.getKey() == GridAxis.WORKERS && e.getValue() == CellKey.STRATEGY_WORKERS) {
        continue;
      }
      s.append(s.isEmpty() ? "" : ", ").append(e.getKey().label()).append(' ').append(e.getValue());
    }
    return s.toString();
  }

  private static Map<Long, Integer> indexOf(List<Long> values) {
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      index.putIfAbsent(values.get(i), i);
    }
    return index;
  }

  private static CellKey key(Map<GridAxis, Long> at) {
    return new CellKey(
        at.get(GridAxis.COMPUTE),
        at.get(GridAxis.PAYLOAD_BYTES),
        Math.toIntExact(at.get(GridAxis.WORKERS)),
        Math.toIntExact(at.get(GridAxis.TASKS_PER_CELL)));
  }
}
