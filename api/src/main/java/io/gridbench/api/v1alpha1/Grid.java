package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Required;
import io.gridbench.api.crd.PropertySchemaPatch;
import io.gridbench.api.validation.SweepLimits;
import java.util.Objects;

/**
 * The grid: compute per task by payload bytes per task, and optionally pool sizes and tasks per
 * cell as axes too. At most two axes vary; tables follow them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// An axis is an object or a plain list of values. A structural schema cannot type a node as either
// (no type inside anyOf), so the axes are untyped with x-kubernetes-preserve-unknown-fields, and
// keep their checks: properties for the object form, items and maxItems for the list form, and a
// "not" that refuses scalars (every keyword in it holds vacuously for a scalar) and empty ones.
@SchemaCustomizer(value = PropertySchemaPatch.class, input = Grid.AXIS_SCHEMA_PATCH)
public class Grid {

  static final String AXIS_SHAPE =
      "\"type\":null,\"x-kubernetes-preserve-unknown-fields\":true,"
          + "\"items\":{\"type\":\"integer\"},\"maxItems\":"
          + SweepLimits.MAX_AXIS_STEPS
          + ",\"not\":{\"maxItems\":0,\"maxProperties\":0}";
  static final String AXIS_SCHEMA_PATCH =
      "{\"compute\":{"
          + AXIS_SHAPE
          + "},\"payloadBytes\":{"
          + AXIS_SHAPE
          + "},\"workers\":{"
          + AXIS_SHAPE
          + "},\"tasksPerCell\":{"
          + AXIS_SHAPE
          + "}}";

  /** Bytes each task returns when the manifest does not say: the 8-byte digest alone. */
  public static final long DEFAULT_RESULT_BYTES = 8;

  @Required
  @JsonPropertyDescription(
      "Compute axis: kernel iterations per task. A list of values ([0, 1000]), or an object with"
          + " values, or with start, factor and steps.")
  private Axis compute;

  @Required
  @JsonPropertyDescription(
      "Network axis: payload bytes sent to each task. A list of values, or an object with values,"
          + " or with start, factor and steps.")
  private Axis payloadBytes;

  @JsonPropertyDescription(
      "Workers axis: the pool size of every strategy, cell by cell (instead of spec.workers). A"
          + " list of values, or an object with values, or with start, factor and steps.")
  private Axis workers;

  @JsonPropertyDescription(
      "Tasks axis: tasks per cell (instead of spec.tasksPerCell). A list of values, or an object"
          + " with values, or with start, factor and steps.")
  private Axis tasksPerCell;

  @JsonPropertyDescription("Bytes each task sends back (8 to 16777216, default 8).")
  private Long resultBytes;

  public Grid() {}

  public Grid(Axis compute, Axis payloadBytes) {
    this.compute = compute;
    this.payloadBytes = payloadBytes;
  }

  /** {@link #getResultBytes()} with its default applied. */
  @JsonIgnore
  public long effectiveResultBytes() {
    return resultBytes == null ? DEFAULT_RESULT_BYTES : resultBytes;
  }

  public Axis getCompute() {
    return compute;
  }

  public void setCompute(Axis compute) {
    this.compute = compute;
  }

  public Axis getPayloadBytes() {
    return payloadBytes;
  }

  public void setPayloadBytes(Axis payloadBytes) {
    this.payloadBytes = payloadBytes;
  }

  public Axis getWorkers() {
    return workers;
  }

  public void setWorkers(Axis workers) {
    this.workers = workers;
  }

  public Axis getTasksPerCell() {
    return tasksPerCell;
  }

  public void setTasksPerCell(Axis tasksPerCell) {
    this.tasksPerCell = tasksPerCell;
  }

  public Long getResultBytes() {
    return resultBytes;
  }

  public void setResultBytes(Long resultBytes) {
    this.resultBytes = resultBytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Grid g
        && Objects.equals(compute, g.compute)
        && Objects.equals(payloadBytes, g.payloadBytes)
        && Objects.equals(workers, g.workers)
        && Objects.equals(tasksPerCell, g.tasksPerCell)
        && Objects.equals(resultBytes, g.resultBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(compute, payloadBytes, workers, tasksPerCell, resultBytes);
  }
}
