package io.gridbench.api.results;

import java.time.Instant;
import java.util.List;

/**
 * The drift canary: one reference cell re-measured in the driver's thread every few cells. If the
 * machine slows down or speeds up during the sweep (heat, a neighbour), the canary shows it.
 *
 * @param maxRelativeDrift (slowest - fastest) / fastest canary median
 * @param drifting whether {@code maxRelativeDrift} exceeds {@code threshold}
 */
public record DriftReport(
    long compute,
    long payloadBytes,
    int everyCells,
    double threshold,
    List<Point> points,
    double maxRelativeDrift,
    boolean drifting) {

  public DriftReport {
    points = List.copyOf(points);
  }

  /** One canary measurement, taken after {@code cellsDone} cells of the sweep. */
  public record Point(int cellsDone, Instant at, double medianSeconds) {}

  /** The report for {@code points}. */
  public static DriftReport of(
      long compute, long payloadBytes, int everyCells, double threshold, List<Point> points) {
    double min = points.stream().mapToDouble(Point::medianSeconds).min().orElse(0);
    double max = points.stream().mapToDouble(Point::medianSeconds).max().orElse(0);
    double drift = min > 0 ? (max - min) / min : 0;
    return new DriftReport(
        compute, payloadBytes, everyCells, threshold, points, drift, drift > threshold);
  }
}
