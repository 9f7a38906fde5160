package io.gridbench.runner.report;

import io.gridbench.api.results.Calibration;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.results.GridAxis;
import io.gridbench.api.results.GridLayout;
import io.gridbench.api.results.GridResults;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.StrategyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.XYChart;

/**
 * Writes a results document as a self-contained HTML page (no network needed to view it) plus every
 * chart as a file: heatmaps as SVG, line charts as PNG and SVG.
 */
public final class HtmlReport {

  /** What a report run wrote. */
  public record Written(Path page, List<Path> charts) {}

  private final SweepResults results;
  private final GridResults grid;
  private final MatrixAxes axes;
  private final List<Long> rows;
  private final List<Long> columns;
  private final List<StrategyMatrix> matrices = new ArrayList<>();

  public HtmlReport(SweepResults results) {
    this.results = results;
    this.grid = GridResults.of(results.spec(), results.strategies());
    this.axes = MatrixAxes.of(grid.layout());
    this.rows = grid.rows();
    this.columns = grid.columns();
    for (StrategyResult s : results.strategies()) {
      matrices.add(StrategyMatrix.of(s, grid));
    }
  }

  /** Writes {@code dir/index.html} and {@code dir/charts/*}. */
  public Written write(Path dir) throws IOException {
    Path charts = dir.resolve("charts");
    Files.createDirectories(charts);
    List<Path> written = new ArrayList<>();
    StringBuilder body = new StringBuilder();

    header(body);
    warnings(body);
    machine(body);

    double[] range = range();
    body.append("<h2>Median seconds per cell</h2>\n<p>Rows: ")
        .append(Html.escape(MatrixAxes.title(axes.rowAxis())))
        .append("; columns: ")
        .append(Html.escape(MatrixAxes.title(axes.columnAxis())))
        .append(". ")
        .append(
            axes.rowAxis() == GridAxis.COMPUTE && axes.columnAxis() == GridAxis.PAYLOAD_BYTES
                ? ""
                : Html.escape("Fixed: " + fixedText(grid.layout()) + ". "))
        .append("One colour scale for all strategies, so colours compare across them.</p>\n");
    body.append("<div class=\"grid\">\n");
    for (StrategyMatrix m : matrices) {
      String title = m.strategy().name() + " — " + describe(m.strategy());
      String svg = HeatmapSvg.seconds(title, axes, m.medians(), m.details(), range[0], range[1]);
      Path file = charts.resolve("heatmap-" + fileSafe(m.strategy().name()) + ".svg");
      Files.writeString(file, svg);
      written.add(file);
      body.append("<figure>").append(svg).append("</figure>\n");
      if (m.strategy().error() != null) {
        body.append("<p class=\"bad\">Failed: ")
            .append(Html.escape(m.strategy().error()))
            .append("</p>\n");
      }
    }
    body.append("</div>\n");

    Optional<StrategyMatrix> baseline = baseline();
    if (baseline.isPresent()) {
      body.append("<h2>Speedup over ")
          .append(Html.escape(baseline.get().strategy().name()))
          .append(
              " (SingleThread)</h2>\n<p>Baseline median divided by the strategy's: above 1× is faster.</p>\n");
      body.append("<div class=\"grid\">\n");
      for (StrategyMatrix m : matrices) {
        if (m == baseline.get()) {
          continue;
        }
        String svg =
            HeatmapSvg.speedup(
                m.strategy().name() + " vs " + baseline.get().strategy().name(),
                axes,
                m.speedupOver(baseline.get()));
        Path file = charts.resolve("speedup-" + fileSafe(m.strategy().name()) + ".svg");
        Files.writeString(file, svg);
        written.add(file);
        body.append("<figure>").append(svg).append("</figure>\n");
      }
      body.append("</div>\n");
    }

    overhead(body);

    scaling(body, written, charts);

    body.append("<h2>Cost along each axis</h2>\n");
    addChart(
        body,
        written,
        charts,
        "cost-" + axes.columnAxis().label() + "-low-" + axes.rowAxis().label(),
        costAlongColumns(0, "Cost along " + axes.columnAxis().label() + " at " + rowText(0)));
    if (rows.size() > 1) {
      int last = rows.size() - 1;
      addChart(
          body,
          written,
          charts,
          "cost-" + axes.columnAxis().label() + "-high-" + axes.rowAxis().label(),
          costAlongColumns(
              last, "Cost along " + axes.columnAxis().label() + " at " + rowText(last)));
    }
    addChart(
        body,
        written,
        charts,
        "cost-" + axes.rowAxis().label(),
        costAlongRows(
            "Cost along "
                + axes.rowAxis().label()
                + " at "
                + axes.columnAxis().label()
                + " "
                + axes.columnLabel(0)));

    if (results.drift() != null && !results.drift().points().isEmpty()) {
      body.append("<h2>Drift canary</h2>\n<p>")
          .append(
              String.format(
                  Locale.ROOT,
                  "The same reference cell, re-measured in the driver thread every %d cells: it moved %.1f%%"
                      + " (threshold %.0f%%).",
                  results.drift().everyCells(),
                  100 * results.drift().maxRelativeDrift(),
                  100 * results.drift().threshold()))
          .append("</p>\n");
      addChart(body, written, charts, "drift", LineCharts.drift(results.drift()));
    }

    Path page = dir.resolve("index.html");
    Files.writeString(page, page(body.toString()));
    return new Written(page, written);
  }

  private void header(StringBuilder b) {
    b.append("<h1>gridbench: ")
        .append(Html.escape(results.sweep()))
        .append("</h1>\n<p>")
        .append(
            String.format(
                Locale.ROOT,
                "%d strategies × %d cells (%d %s × %d %s), %s, %s repetitions"
                    + " after %d warm-up, order %s. Measured %s to %s.",
                results.strategies().size(),
                rows.size() * columns.size(),
                rows.size(),
                axes.rowAxis().label(),
                columns.size(),
                axes.columnAxis().label(),
                fixedText(grid.layout()),
                results.spec().usesAutoRepetitions()
                    ? "auto"
                    : String.valueOf(results.spec().effectiveRepetitions()),
                results.spec().effectiveWarmup(),
                results.spec().effectiveOrder().manifestName(),
                results.startedAt(),
                results.partial()
                    ? "an interruption (partial results: `gridbench run --resume` completes them)"
                    : results.finishedAt()))
        .append("</p>\n");
  }

  private void warnings(StringBuilder b) {
    List<String> warnings = new ArrayList<>();
    if (results.drift() != null && results.drift().drifting()) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "The machine drifted: the canary cell moved %.1f%%, above the %.0f%% threshold."
                  + " Differences between cells or strategies may be drift, not the strategies.",
              100 * results.drift().maxRelativeDrift(),
              100 * results.drift().threshold()));
    }
    List<String> rayLocal = new ArrayList<>();
    List<String> python = new ArrayList<>();
    int outlierCells = 0;
    int cells = 0;
    for (StrategyResult s : results.strategies()) {
      if (s.error() != null) {
        warnings.add("Strategy " + s.name() + " failed: " + s.error());
      }
      outlierCells += (int) s.cells().stream().filter(c -> !c.stats().outliers().isEmpty()).count();
      cells += s.cells().size();
      if (s.mode() == ExecutionMode.RAY_LOCAL) {
        rayLocal.add(s.name());
      }
      if (s.type().isPython()) {
        python.add(s.name());
      }
    }
    if (cells == 0) {
      warnings.add(
          "No cell was measured: every strategy failed or stopped before its first cell, so the"
              + " page has no charts.");
    }
    long oversubscribed =
        results.strategies().stream()
            .flatMap(st -> st.cells().stream())
            .filter(CellResult::ranOversubscribed)
            .count();
    if (oversubscribed > 0) {
      warnings.add(
          oversubscribed
              + " cells ran a pool with more workers than the CPUs it had (oversubscribed; "
              + cpus()
              + " CPUs here): a valid experiment, but their times include the workers' contention"
              + " (marked in the cells' hover text).");
    }
    if (!rayLocal.isEmpty()) {
      warnings.add(
          String.join(", ", rayLocal)
              + " ran in Ray's LOCAL mode on this one machine: not cluster figures.");
    }
    if (!python.isEmpty()) {
      warnings.add(
          String.join(", ", python)
              + " ran the kernel in CPython: their compute and payload-hashing cost is the"
              + " interpreter's (hundreds of times Java's per round), which is what leaving Python buys; compare"
              + " the compute=0, payload=0 cells for the distribution method's own overhead.");
    }
    if (outlierCells > 0) {
      warnings.add(
          outlierCells
              + " of "
              + cells
              + " cells have samples beyond 1.5 IQR of their quartiles (kept in the data and the"
              + " medians; see the results JSON).");
    }
    if (!warnings.isEmpty()) {
      b.append("<div class=\"warn\"><strong>Read these first</strong><ul>");
      warnings.forEach(w -> b.append("<li>").append(Html.escape(w)).append("</li>"));
      b.append("</ul></div>\n");
    }
  }

  private void machine(StringBuilder b) {
    MachineInfo m = results.machine();
    if (m == null) {
      return;
    }
    b.append("<h2>Machine</h2>\n<table class=\"kv\">");
    row(b, "host", m.hostname());
    row(b, "CPU", m.cpuModel() == null ? "unknown" : m.cpuModel());
    row(b, "processors", String.valueOf(m.availableProcessors()));
    row(b, "memory", m.totalMemoryBytes() > 0 ? Units.bytes(m.totalMemoryBytes()) : "unknown");
    row(b, "OS", m.osName() + " " + m.osVersion() + " (" + m.osArch() + ")");
    row(b, "JVM", m.jvmName() + " " + m.javaVersion() + " (" + m.javaVendor() + ")");
    Calibration c = results.calibration();
    if (c != null) {
      row(b, "floor: thread hand-off", Units.seconds(c.threadHandoffSeconds()) + " per task");
      row(b, "floor: pipe round trip", Units.seconds(c.pipeRoundTripSeconds()) + " per message");
      row(
          b,
          "floor: memcpy",
          String.format(Locale.ROOT, "%.1f GB/s", c.memcpyBytesPerSecond() / 1e9));
    }
    b.append("</table>\n");
  }

  private void overhead(StringBuilder b) {
    b.append(
            "<h2>Per-task overhead at the smallest cell</h2>\n<p>Median seconds of the cell at compute ")
        .append(Units.count(grid.layout().cells().get(0).compute()))
        .append(", payload ")
        .append(Units.bytes(grid.layout().cells().get(0).payloadBytes()))
        .append(", divided by its tasks")
        .append(results.calibration() != null ? ", and as multiples of this machine's floors" : "")
        .append(".</p>\n<table><tr><th>strategy</th><th>per task</th>");
    Calibration c = results.calibration();
    if (c != null) {
      b.append("<th>× thread hand-off</th><th>× pipe round trip</th>");
    }
    b.append("</tr>\n");
    for (StrategyResult s : results.strategies()) {
      Optional<CellResult> cell = grid.cell(s.name(), grid.layout().cells().get(0));
      if (cell.isEmpty()) {
        continue;
      }
      double perTask = cell.get().stats().median() / cell.get().tasks();
      b.append("<tr><td>")
          .append(Html.escape(s.name()))
          .append("</td><td>")
          .append(Units.seconds(perTask))
          .append("</td>");
      if (c != null) {
        b.append(
            String.format(
                Locale.ROOT,
                "<td>%.1f×</td><td>%.2f×</td>",
                perTask / c.threadHandoffSeconds(),
                perTask / c.pipeRoundTripSeconds()));
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private String rowText(int row) {
    return axes.rowAxis().label() + " " + axes.rowLabel(row);
  }

  private XYChart costAlongColumns(int row, String title) {
    List<String> names = new ArrayList<>();
    List<double[]> series = new ArrayList<>();
    for (StrategyMatrix m : matrices) {
      names.add(m.strategy().name());
      series.add(m.medians()[row].clone());
    }
    return LineCharts.costAlong(
        title,
        MatrixAxes.title(axes.columnAxis()),
        columns,
        v -> MatrixAxes.label(axes.columnAxis(), v),
        names,
        series);
  }

  private XYChart costAlongRows(String title) {
    List<String> names = new ArrayList<>();
    List<double[]> series = new ArrayList<>();
    for (StrategyMatrix m : matrices) {
      names.add(m.strategy().name());
      double[] column = new double[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        column[r] = m.medians()[r][0];
      }
      series.add(column);
    }
    return LineCharts.costAlong(
        title,
        MatrixAxes.title(axes.rowAxis()),
        rows,
        v -> MatrixAxes.label(axes.rowAxis(), v),
        names,
        series);
  }

  /**
   * The scaling curves of a workers axis (time per cell, speed-up and efficiency, with the CPU
   * count marked) and of a tasks axis (seconds per task); nothing for a grid with neither.
   */
  private void scaling(StringBuilder body, List<Path> written, Path charts) throws IOException {
    ScalingCurves curves = new ScalingCurves(grid, cpus());
    List<String> names = new ArrayList<>(grid.strategies());
    if (curves.hasWorkerCurves()) {
      String at =
          "at "
              + (curves.hasTaskCurves() ? curves.tasksAt() + " tasks, " : "")
              + fixedText(grid.layout());
      double marker = curves.cpuMarker();
      String markerName = curves.cpus() + " CPUs";
      body.append("<h2>Scaling with workers</h2>\n<p>")
          .append(
              Html.escape(
                  "Per strategy, along the workers axis "
                      + at
                      + ". The dotted red line marks the "
                      + curves.cpus()
                      + " CPUs the pools ran on"
                      + (Double.isNaN(marker) ? " (outside the axis, not drawn)" : "")
                      + "; pools beyond it are oversubscribed. Speed-up is over the smallest pool ("
                      + curves.workers().get(0)
                      + " workers); efficiency is speed-up divided by the pool's growth, 1 being"
                      + " perfect scaling."))
          .append("</p>\n");
      List<double[]> time = new ArrayList<>();
      List<double[]> speedup = new ArrayList<>();
      List<double[]> efficiency = new ArrayList<>();
      for (String s : names) {
        time.add(curves.timePerCell(s));
        speedup.add(curves.speedup(s));
        efficiency.add(curves.efficiency(s));
      }
      double[] ones = new double[curves.workers().size()];
      java.util.Arrays.fill(ones, 1.0);
      addChart(
          body,
          written,
          charts,
          "scaling-time",
          LineCharts.curves(
              "Time per cell against workers",
              "workers (pool size)",
              "median time per cell",
              true,
              curves.workers(),
              Long::toString,
              names,
              time,
              List.of(),
              List.of(),
              marker,
              markerName));
      addChart(
          body,
          written,
          charts,
          "scaling-speedup",
          LineCharts.curves(
              "Speed-up over " + curves.workers().get(0) + " worker(s)",
              "workers (pool size)",
              "speed-up (×)",
              false,
              curves.workers(),
              Long::toString,
              names,
              speedup,
              List.of("ideal (linear)"),
              List.of(curves.idealSpeedup()),
              marker,
              markerName));
      addChart(
          body,
          written,
          charts,
          "scaling-efficiency",
          LineCharts.curves(
              "Efficiency: speed-up ÷ pool growth",
              "workers (pool size)",
              "efficiency",
              false,
              curves.workers(),
              Long::toString,
              names,
              efficiency,
              List.of("ideal"),
              List.of(ones),
              marker,
              markerName));
    }
    if (curves.hasTaskCurves()) {
      body.append("<h2>Per-task overhead against tasks per cell</h2>\n<p>")
          .append(
              Html.escape(
                  "Median seconds per cell divided by its tasks"
                      + (grid.layout().hasWorkersAxis()
                          ? ", at "
                              + curves.workersAt()
                              + " workers (the largest pool within the CPUs)"
                          : "")
                      + ". A curve that flattens has left its fixed per-cell costs behind."))
          .append("</p>\n");
      List<double[]> perTask = new ArrayList<>();
      for (String s : names) {
        perTask.add(curves.secondsPerTask(s));
      }
      addChart(
          body,
          written,
          charts,
          "scaling-per-task",
          LineCharts.curves(
              "Seconds per task against tasks per cell",
              "tasks per cell",
              "median seconds per task",
              true,
              curves.tasks(),
              Long::toString,
              names,
              perTask,
              List.of(),
              List.of(),
              Double.NaN,
              ""));
    }
  }

  /** The CPUs the local pools ran on: the recorded machine's, else this one's. */
  private int cpus() {
    return results.machine() != null
        ? results.machine().availableProcessors()
        : Runtime.getRuntime().availableProcessors();
  }

  /** "64 tasks per cell", or "compute 1.00M, payload 0 B" where other axes vary. */
  static String fixedText(GridLayout layout) {
    List<String> parts = new ArrayList<>();
    for (java.util.Map.Entry<GridAxis, Long> e : layout.fixed().entrySet()) {
      switch (e.getKey()) {
        case COMPUTE -> parts.add("compute " + Units.count(e.getValue()));
        case PAYLOAD_BYTES -> parts.add("payload " + Units.bytes(e.getValue()));
        case WORKERS -> {
          if (layout.hasWorkersAxis()) {
            parts.add(e.getValue() + " workers");
          }
        }
        case TASKS_PER_CELL -> parts.add(e.getValue() + " tasks per cell");
      }
    }
    return String.join(", ", parts);
  }

  private static void addChart(
      StringBuilder b, List<Path> written, Path dir, String name, XYChart chart)
      throws IOException {
    if (chart.getSeriesMap().isEmpty()) {
      // XChart cannot lay out the axes of a chart without a point (its tick search never ends).
      b.append("<p>")
          .append(Html.escape(chart.getTitle()))
          .append(": no strategy measured a cell of this chart.</p>\n");
      return;
    }
    Path base = dir.resolve(name);
    LineCharts.save(chart, base);
    written.add(dir.resolve(name + ".png"));
    written.add(dir.resolve(name + ".svg"));
    b.append("<figure><img alt=\"")
        .append(Html.escape(chart.getTitle()))
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(LineCharts.png(chart)))
        .append("\"/></figure>\n");
  }

  private Optional<StrategyMatrix> baseline() {
    return matrices.stream()
        .filter(
            m ->
                m.strategy().type() == StrategyType.SingleThread && !m.strategy().cells().isEmpty())
        .findFirst();
  }

  /** Smallest and largest positive median over all strategies: one colour scale for all. */
  private double[] range() {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (StrategyMatrix m : matrices) {
      for (double[] row : m.medians()) {
        for (double v : row) {
          if (v > 0) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
    }
    return max == 0 ? new double[] {1e-6, 1} : new double[] {min, Math.max(max, min * 1.0001)};
  }

  private String describe(StrategyResult s) {
    return s.type()
        + ", "
        + s.modeLabel()
        + (s.type().isSingleThreaded() || grid.layout().hasWorkersAxis()
            ? ""
            : ", " + s.workers() + " workers")
        + (s.rebuild() ? ", rebuilt per cell" : "");
  }

  /**
   * A strategy name as a file name: results files are input too, and a crafted name must not write
   * outside the report directory.
   */
  static String fileSafe(String name) {
    String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_").replace("..", "__");
    return safe.isEmpty() ? "_" : safe;
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th>")
        .append(Html.escape(k))
        .append("</th><td>")
        .append(Html.escape(v))
        .append("</td></tr>");
  }

  private String page(String body) {
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>gridbench: "
        + Html.escape(results.sweep())
        + "</title>\n<style>\n"
        + "body{font-family:Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}\n"
        + "h1{font-size:24px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}\n"
        + "figure{margin:12px 0;overflow-x:auto}.grid{display:flex;flex-wrap:wrap;gap:8px 24px}.grid figure{margin:0}img{max-width:100%}\n"
        + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}\n"
        + ".kv th{background:#f6f6f6;font-weight:normal}\n"
        + ".warn{background:#fff4e5;border:1px solid #f0a040;padding:8px 16px;margin:16px 0}\n"
        + ".bad{color:#b2182b}\n"
        + "</style>\n</head>\n<body>\n"
        + body
        + "<p style=\"color:#888;font-size:12px\">Generated by gridbench report from results schema "
        + results.schemaVersion()
        + ".</p>\n</body>\n</html>\n";
  }
}
