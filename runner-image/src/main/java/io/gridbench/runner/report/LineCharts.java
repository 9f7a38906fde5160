package io.gridbench.runner.report;

import io.gridbench.api.results.DriftReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts drawn with XChart, headless, saved as PNG and SVG. */
final class LineCharts {
  private static final int WIDTH = 820;
  private static final int HEIGHT = 460;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private LineCharts() {}

  /**
   * Median seconds along one axis (one line per strategy). The axis values are laid out evenly, as
   * in the grid, and labelled with their values, so a 0 or a geometric axis reads naturally.
   */
  static XYChart costAlong(
      String title,
      String axisTitle,
      List<Long> axis,
      LongFunction<String> axisLabel,
      List<String> names,
      List<double[]> seconds) {
    XYChart chart = base(title, axisTitle, "median time per cell (log scale)");
    logSeconds(chart);
    chart.setCustomXAxisTickLabelsFormatter(
        x -> {
          long i = Math.round(x);
          return Math.abs(x - i) < 1e-6 && i >= 0 && i < axis.size()
              ? axisLabel.apply(axis.get((int) i))
              : "";
        });
    for (int s = 0; s < names.size(); s++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < axis.size(); i++) {
        double v = seconds.get(s)[i];
        if (v > 0 && !Double.isNaN(v)) {
          xs.add((double) i);
          ys.add(Math.log10(v));
        }
      }
      if (!xs.isEmpty()) {
        chart.addSeries(names.get(s), xs, ys).setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return chart;
  }

  /**
   * Curves along one axis, laid out evenly like {@link #costAlong}: one line per strategy, dashed
   * reference lines (an ideal), and a vertical marker at {@code markerAt} (a fractional position
   * between axis values; NaN for none), e.g. the machine's core count on a workers axis.
   */
  static XYChart curves(
      String title,
      String axisTitle,
      String valueTitle,
      boolean logValues,
      List<Long> axis,
      LongFunction<String> axisLabel,
      List<String> names,
      List<double[]> values,
      List<String> referenceNames,
      List<double[]> references,
      double markerAt,
      String markerName) {
    XYChart chart = base(title, axisTitle, valueTitle + (logValues ? " (log scale)" : ""));
    if (logValues) {
      logSeconds(chart);
    }
    chart.setCustomXAxisTickLabelsFormatter(
        x -> {
          long i = Math.round(x);
          return Math.abs(x - i) < 1e-6 && i >= 0 && i < axis.size()
              ? axisLabel.apply(axis.get((int) i))
              : "";
        });
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (int s = 0; s < names.size() + referenceNames.size(); s++) {
      boolean reference = s >= names.size();
      if (reference && chart.getSeriesMap().isEmpty()) {
        break; // an ideal line alone compares nothing
      }
      double[] ys = reference ? references.get(s - names.size()) : values.get(s);
      List<Double> xs = new ArrayList<>();
      List<Double> kept = new ArrayList<>();
      for (int i = 0; i < axis.size(); i++) {
        double v = ys[i];
        if (v > 0 && Double.isFinite(v)) {
          xs.add((double) i);
          kept.add(logValues ? Math.log10(v) : v);
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      XYSeries series =
          chart.addSeries(
              reference ? referenceNames.get(s - names.size()) : names.get(s), xs, kept);
      if (reference) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(SeriesLines.DASH_DASH);
        series.setLineColor(java.awt.Color.GRAY);
      } else {
        series.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    if (!Double.isNaN(markerAt) && hi > 0) {
      chart
          .addSeries(
              markerName,
              List.of(markerAt, markerAt),
              logValues ? List.of(Math.log10(lo), Math.log10(hi)) : List.of(lo, hi))
          .setMarker(SeriesMarkers.NONE)
          .setLineStyle(SeriesLines.DOT_DOT)
          .setLineColor(java.awt.Color.RED);
    }
    return chart;
  }

  /**
   * A log scale of seconds: values are plotted as their logarithm on a linear axis whose ticks are
   * labelled with the seconds they stand for. XChart's own log axis takes a custom label formatter
   * with linearly placed ticks, which labels a log axis wrongly.
   */
  private static void logSeconds(XYChart chart) {
    chart.setCustomYAxisTickLabelsFormatter(v -> Units.seconds(Math.pow(10, v)));
  }

  /** The drift canary's median over the sweep, with the band the threshold allows. */
  static XYChart drift(DriftReport drift) {
    XYChart chart =
        base(
            "Drift canary (compute "
                + Units.count(drift.compute())
                + ", payload "
                + Units.bytes(drift.payloadBytes())
                + ")",
            "cells measured so far",
            "canary median (ms)");
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    double min = Double.MAX_VALUE;
    for (DriftReport.Point p : drift.points()) {
      xs.add((double) p.cellsDone());
      ys.add(p.medianSeconds() * 1e3);
      min = Math.min(min, p.medianSeconds() * 1e3);
    }
    chart.addSeries("canary median", xs, ys).setMarker(SeriesMarkers.CIRCLE);
    if (!xs.isEmpty()) {
      double limit = min * (1 + drift.threshold());
      chart
          .addSeries(
              "fastest + " + Math.round(drift.threshold() * 100) + "% (threshold)",
              List.of(xs.get(0), xs.get(xs.size() - 1)),
              List.of(limit, limit))
          .setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  static void save(XYChart chart, Path pngAndSvgBase) throws IOException {
    try (OutputStream png =
        Files.newOutputStream(pngAndSvgBase.resolveSibling(pngAndSvgBase.getFileName() + ".png"))) {
      BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
    }
    try (OutputStream svg =
        Files.newOutputStream(pngAndSvgBase.resolveSibling(pngAndSvgBase.getFileName() + ".svg"))) {
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
  }

  static byte[] png(XYChart chart) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    return out.toByteArray();
  }

  private static XYChart base(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setMarkerSize(7);
    chart.getStyler().setPlotGridLinesVisible(true);
    return chart;
  }
}
