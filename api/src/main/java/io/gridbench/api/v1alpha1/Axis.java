package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.gridbench.api.validation.SweepLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One axis of the grid: either explicit {@code values}, or a geometric series {@code start}, {@code
 * start*factor}, ... with {@code steps} entries. A plain list ({@code compute: [0, 1000]}) reads as
 * {@code {values: [0, 1000]}}; it is always written back in the object form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"values", "start", "factor", "steps"})
public class Axis {

  @Size(max = SweepLimits.MAX_AXIS_STEPS)
  @JsonPropertyDescription("Explicit axis values, in the order they are laid out.")
  private List<Long> values;

  @JsonPropertyDescription("First value of a geometric axis.")
  private Long start;

  @JsonPropertyDescription("Ratio between neighbouring values of a geometric axis (> 1).")
  private Double factor;

  @Min(1)
  @Max(SweepLimits.MAX_AXIS_STEPS)
  @JsonPropertyDescription("Number of values of a geometric axis.")
  private Integer steps;

  public Axis() {}

  /** An axis of explicit values. */
  public static Axis of(long... values) {
    Axis axis = new Axis();
    axis.values = new ArrayList<>();
    for (long v : values) {
      axis.values.add(v);
    }
    return axis;
  }

  /**
   * The plain-list form of an axis. Jackson uses it for JSON arrays only (an array-delegating
   * creator); objects still bind field by field, so unknown fields stay errors.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Axis ofList(List<Long> values) {
    Axis axis = new Axis();
    axis.values = values == null ? null : new ArrayList<>(values);
    return axis;
  }

  /** A geometric axis. */
  public static Axis geometric(long start, double factor, int steps) {
    Axis axis = new Axis();
    axis.start = start;
    axis.factor = factor;
    axis.steps = steps;
    return axis;
  }

  /** Whether this axis is given as a geometric series rather than explicit values. */
  @JsonIgnore
  public boolean isGeometric() {
    return values == null && (start != null || factor != null || steps != null);
  }

  /**
   * The axis values. A geometric value is rounded to the nearest whole number; validation rejects
   * series whose rounding repeats a value.
   */
  @JsonIgnore
  public List<Long> expand() {
    if (!isGeometric()) {
      return values == null ? List.of() : List.copyOf(values);
    }
    long first = start == null ? 1 : start;
    double ratio = factor == null ? 2.0 : factor;
    int count = steps == null ? 0 : Math.max(steps, 0);
    List<Long> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      out.add(Math.round(first * Math.pow(ratio, k)));
    }
    return out;
  }

  public List<Long> getValues() {
    return values;
  }

  public void setValues(List<Long> values) {
    this.values = values;
  }

  public Long getStart() {
    return start;
  }

  public void setStart(Long start) {
    this.start = start;
  }

  public Double getFactor() {
    return factor;
  }

  public void setFactor(Double factor) {
    this.factor = factor;
  }

  public Integer getSteps() {
    return steps;
  }

  public void setSteps(Integer steps) {
    this.steps = steps;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Axis a
        && Objects.equals(values, a.values)
        && Objects.equals(start, a.start)
        && Objects.equals(factor, a.factor)
        && Objects.equals(steps, a.steps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values, start, factor, steps);
  }
}
