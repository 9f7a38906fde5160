package io.gridbench.runner.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A matrix of the grid (compute × payload unless other axes vary) as a standalone SVG: labelled
 * axes with units, the grid's axis values, every cell's value printed on it, and a colour scale
 * with its range.
 */
final class HeatmapSvg {
  private static final int CELL_W = 64;
  private static final int CELL_H = 26;
  private static final int LEFT = 110;
  private static final int TOP = 56;

  private HeatmapSvg() {}

  /** Cost heatmap: viridis on a log scale between {@code min} and {@code max} seconds. */
  static String seconds(
      String title,
      MatrixAxes axes,
      double[][] values,
      String[][] details,
      double min,
      double max) {
    double lo = Math.log(min);
    double span = Math.max(1e-12, Math.log(max) - lo);
    return draw(
        title,
        axes,
        values,
        details,
        v -> ColorScale.viridis((Math.log(v) - lo) / span),
        Units::seconds,
        "median seconds per cell, log colour scale",
        ColorScale::viridis,
        Units.seconds(min),
        Units.seconds(max));
  }

  /** Speedup heatmap: red below 1 (slower than the baseline), green above, log-symmetric. */
  static String speedup(String title, MatrixAxes axes, double[][] values) {
    double limit = 1e-9;
    for (double[] row : values) {
      for (double v : row) {
        if (v > 0 && !Double.isInfinite(v)) {
          limit = Math.max(limit, Math.abs(Math.log(v)));
        }
      }
    }
    // Saturate beyond 10x either way, so one extreme cell does not wash out all the others.
    double l = Math.min(Math.max(limit, Math.log(1.1)), Math.log(10));
    String range = String.format(Locale.ROOT, "%.3g×", Math.exp(l));
    return draw(
        title,
        axes,
        values,
        null,
        v -> ColorScale.diverging(0.5 + Math.log(v) / (2 * l)),
        v -> String.format(Locale.ROOT, "%.3g×", v),
        "speedup over the baseline (above 1: faster)",
        ColorScale::diverging,
        String.format(Locale.ROOT, "%.3g×", Math.exp(-l)),
        range);
  }

  private static String draw(
      String title,
      MatrixAxes axes,
      double[][] values,
      String[][] details,
      DoubleFunction<String> fill,
      DoubleFunction<String> label,
      String legendTitle,
      DoubleFunction<String> ramp,
      String legendMin,
      String legendMax) {
    // Wide enough for the title and the legend's range labels, however few columns there are.
    List<Long> rows = axes.rows();
    List<Long> columns = axes.columns();
    int width = Math.max(LEFT + columns.size() * CELL_W + 20, LEFT + 8 * title.length() + 20);
    int gridBottom = TOP + rows.size() * CELL_H;
    int height = gridBottom + 100;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">%n",
            width,
            height,
            width,
            height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append(text(LEFT, 18, title, "start", "font-size=\"14\" font-weight=\"bold\""));
    svg.append(
        text(
            LEFT + columns.size() * CELL_W / 2,
            38,
            MatrixAxes.title(axes.columnAxis()),
            "middle",
            "font-weight=\"bold\""));
    for (int c = 0; c < columns.size(); c++) {
      svg.append(text(LEFT + c * CELL_W + CELL_W / 2, TOP - 5, axes.columnLabel(c), "middle", ""));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\""
                + " transform=\"rotate(-90 14 %d)\">%s</text>%n",
            (TOP + gridBottom) / 2,
            (TOP + gridBottom) / 2,
            MatrixAxes.title(axes.rowAxis())));
    for (int r = 0; r < rows.size(); r++) {
      int y = TOP + r * CELL_H;
      svg.append(text(LEFT - 6, y + CELL_H / 2 + 4, axes.rowLabel(r), "end", ""));
      for (int c = 0; c < columns.size(); c++) {
        double v = values[r][c];
        int x = LEFT + c * CELL_W;
        boolean missing = Double.isNaN(v) || v <= 0 || Double.isInfinite(v);
        String color = missing ? "#dddddd" : fill.apply(v);
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\""
                    + " stroke=\"#ffffff\">%s</rect>%n",
                x,
                y,
                CELL_W,
                CELL_H,
                color,
                details == null ? "" : "<title>" + Html.escape(details[r][c]) + "</title>"));
        svg.append(
            text(
                x + CELL_W / 2,
                y + CELL_H / 2 + 4,
                missing ? "–" : label.apply(v),
                "middle",
                "fill=\"" + ColorScale.textOn(color) + "\""));
      }
    }
    int legendY = gridBottom + 30;
    int legendW = Math.max(160, Math.min(360, columns.size() * CELL_W));
    svg.append(text(LEFT, legendY - 6, legendTitle, "start", ""));
    // Inline SVGs share one id space in the page: each legend needs its own gradient id.
    String gradient = "scale-" + Integer.toHexString(title.hashCode() ^ legendTitle.hashCode());
    svg.append("<defs><linearGradient id=\"").append(gradient).append("\">");
    for (int i = 0; i <= 10; i++) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<stop offset=\"%d%%\" stop-color=\"%s\"/>",
              i * 10,
              ramp.apply(i / 10.0)));
    }
    svg.append("</linearGradient></defs>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"url(#%s)\" stroke=\"#999\"/>%n",
            LEFT,
            legendY,
            legendW,
            gradient));
    svg.append(text(LEFT, legendY + 28, legendMin, "start", ""));
    svg.append(text(LEFT + legendW, legendY + 28, legendMax, "end", ""));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String text(int x, int y, String s, String anchor, String extra) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" %s>%s</text>%n",
        x,
        y,
        anchor,
        extra,
        Html.escape(s));
  }
}
