package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** With {@code repetitions: auto}: sample until the median's interval is narrow enough. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoRepetitionsSpec {
  public static final int DEFAULT_MIN = 6;
  public static final int DEFAULT_MAX = 50;
  public static final double DEFAULT_TARGET = 0.05;

  @JsonPropertyDescription("Samples always taken (default 6, the fewest with a 95% interval).")
  private Integer min;

  @JsonPropertyDescription("Samples at most (default 50).")
  private Integer max;

  @JsonPropertyDescription(
      "Stop when the 95% interval of the median is narrower than this fraction of it (0.05).")
  private Double targetRelativeWidth;

  public int effectiveMin() {
    return min == null ? DEFAULT_MIN : min;
  }

  public int effectiveMax() {
    return max == null ? DEFAULT_MAX : max;
  }

  public double effectiveTarget() {
    return targetRelativeWidth == null ? DEFAULT_TARGET : targetRelativeWidth;
  }

  public Integer getMin() {
    return min;
  }

  public void setMin(Integer min) {
    this.min = min;
  }

  public Integer getMax() {
    return max;
  }

  public void setMax(Integer max) {
    this.max = max;
  }

  public Double getTargetRelativeWidth() {
    return targetRelativeWidth;
  }

  public void setTargetRelativeWidth(Double targetRelativeWidth) {
    this.targetRelativeWidth = targetRelativeWidth;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AutoRepetitionsSpec a
        && Objects.equals(min, a.min)
        && Objects.equals(max, a.max)
        && Objects.equals(targetRelativeWidth, a.targetRelativeWidth);
  }

  @Override
  public int hashCode() {
    return Objects.hash(min, max, targetRelativeWidth);
  }
}
