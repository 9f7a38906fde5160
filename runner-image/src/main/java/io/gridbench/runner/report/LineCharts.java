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
import org.knowm.xchart.style.Styler;
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
    chart.getStyler().setYAxisLogarithmic(true);
    chart.setCustomYAxisTickLabelsFormatter(Units::seconds);
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
          ys.add(v);
        }
      }
      if (!xs.isEmpty()) {
        chart.addSeries(names.get(s), xs, ys).setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return chart;
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
