package io.gridbench.runner.report;

import io.gridbench.api.results.GridAxis;
import io.gridbench.api.results.GridLayout;
import java.util.List;

/** The rows and columns of a report's matrices: which axes, their values and how to label them. */
record MatrixAxes(GridAxis rowAxis, List<Long> rows, GridAxis columnAxis, List<Long> columns) {

  static MatrixAxes of(GridLayout layout) {
    return new MatrixAxes(layout.rowAxis(), layout.rows(), layout.columnAxis(), layout.columns());
  }

  /** "payload per task (bytes)": an axis title with its unit. */
  static String title(GridAxis axis) {
    return switch (axis) {
      case COMPUTE -> "compute per task (iterations)";
      case PAYLOAD_BYTES -> "payload per task (bytes)";
      case WORKERS -> "workers (pool size)";
      case TASKS_PER_CELL -> "tasks per cell";
    };
  }

  /** One value of {@code axis} as a label: bytes in binary units, compute abbreviated. */
  static String label(GridAxis axis, long value) {
    return switch (axis) {
      case PAYLOAD_BYTES -> Units.bytes(value);
      case COMPUTE -> Units.count(value);
      case WORKERS, TASKS_PER_CELL -> Long.toString(value);
    };
  }

  String rowLabel(int r) {
    return label(rowAxis, rows.get(r));
  }

  String columnLabel(int c) {
    return label(columnAxis, columns.get(c));
  }
}
