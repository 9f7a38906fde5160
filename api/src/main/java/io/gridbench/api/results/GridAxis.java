package io.gridbench.api.results;

/** An axis of the grid, named as in {@code spec.grid}. */
public enum GridAxis {
  COMPUTE("compute", "compute"),
  PAYLOAD_BYTES("payloadBytes", "payload"),
  WORKERS("workers", "workers"),
  TASKS_PER_CELL("tasksPerCell", "tasks");

  private final String field;
  private final String label;

  GridAxis(String field, String label) {
    this.field = field;
    this.label = label;
  }

  /** The field name under {@code spec.grid}. */
  public String field() {
    return field;
  }

  /** A short label for table headers. */
  public String label() {
    return label;
  }

  /** This axis' coordinate of {@code key}. */
  public long of(CellKey key) {
    return switch (this) {
      case COMPUTE -> key.compute();
      case PAYLOAD_BYTES -> key.payloadBytes();
      case WORKERS -> key.workers();
      case TASKS_PER_CELL -> key.tasks();
    };
  }
}
