package io.gridbench.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.StrategyType;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HtmlReportTest {

  @TempDir Path dir;

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    // XChart's SVGs name the SVG 1.1 DTD; well-formedness needs no fetch of it.
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
  }

  @Test
  void writesAWellFormedSelfContainedPageWithEveryChart() throws Exception {
    HtmlReport.Written written = new HtmlReport(SampleResults.of(0.01, 2.0, true)).write(dir);

    // The page is well-formed XHTML: every tag closed, every attribute quoted.
    Document page = parse(written.page());
    NodeList svgs = page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
    assertThat(svgs.getLength()).as("2 cost heatmaps + 1 speedup heatmap").isEqualTo(3);
    NodeList images = page.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "img");
    assertThat(images.getLength()).as("3 cost curves + the drift canary").isEqualTo(4);
    for (int i = 0; i < images.getLength(); i++) {
      assertThat(images.item(i).getAttributes().getNamedItem("src").getNodeValue())
          .as("images are embedded, the page works offline")
          .startsWith("data:image/png;base64,");
    }
    String html = Files.readString(written.page());
    assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http");
    assertThat(html)
        .contains("The machine drifted: the canary cell moved 30.0%")
        .contains("payload per task (bytes)")
        .contains("compute per task (iterations)")
        .contains("1 MiB")
        .contains("1M")
        .contains("floor: pipe round trip");

    assertThat(written.charts())
        .extracting(p -> p.getFileName().toString())
        .contains(
            "heatmap-single.svg",
            "heatmap-pool.svg",
            "speedup-pool.svg",
            "cost-payload-low-compute.png",
            "cost-payload-high-compute.svg",
            "cost-compute.png",
            "drift.png",
            "drift.svg");
    for (Path chart : written.charts()) {
      if (chart.toString().endsWith(".png")) {
        byte[] png = Files.readAllBytes(chart);
        assertThat(png).hasSizeGreaterThan(1000);
        assertThat(List.of(png[1], png[2], png[3]))
            .containsExactly((byte) 'P', (byte) 'N', (byte) 'G');
      } else {
        assertThat(parse(chart).getDocumentElement().getLocalName()).isEqualTo("svg");
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aSweepWithoutAMeasuredCellGetsAPageThatSaysSo() throws Exception {
    for (SweepResults measured :
        List.of(SampleResults.of(0.01, 2.0, false), SampleResults.scaling())) {
      SweepResults none = withoutCells(measured);
      Path out = dir.resolve(measured.sweep());
      HtmlReport.Written written = new HtmlReport(none).write(out);

      Document page = parse(written.page());
      assertThat(page.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "img").getLength())
          .as("no chart of nothing")
          .isZero();
      assertThat(Files.readString(written.page())).contains("No cell was measured");
    }
  }

  /** The same sweep as if every strategy had failed before its first cell. */
  private static SweepResults withoutCells(SweepResults measured) {
    List<StrategyResult> failed =
        measured.strategies().stream()
            .map(
                s ->
                    new StrategyResult(
                        s.name(),
                        s.type(),
                        s.mode(),
                        s.workers(),
                        s.rebuild(),
                        StrategyResult.Outcome.Failed,
                        s.name() + ": did not start",
                        s.startedAt(),
                        s.finishedAt(),
                        List.of()))
            .toList();
    return new SweepResults(
        measured.schemaVersion(),
        measured.sweep(),
        measured.spec(),
        measured.machine(),
        measured.startedAt(),
        measured.finishedAt(),
        failed,
        null,
        null);
  }

  @Test
  void aScalingSweepGetsItsCurvesAndFlagsOversubscription() throws Exception {
    HtmlReport.Written written = new HtmlReport(SampleResults.scaling()).write(dir);

    Document page = parse(written.page());
    NodeList svgs = page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
    assertThat(svgs.getLength()).as("2 cost heatmaps + 1 speedup heatmap").isEqualTo(3);
    String html = Files.readString(written.page());
    assertThat(html)
        .contains("2 strategies × 12 cells (4 workers × 3 tasks), compute 1k, payload 0 B")
        .contains("Rows: workers (pool size); columns: tasks per cell.")
        .contains("Scaling with workers")
        .contains("marks the 2 CPUs the pools ran on")
        .contains("Per-task overhead against tasks per cell")
        .contains("at 2 workers (the largest pool within the CPUs)")
        .contains("6 cells ran a pool with more workers than the CPUs it had (oversubscribed;")
        .contains("oversubscribed (more workers than CPUs)");
    assertThat(written.charts())
        .extracting(p -> p.getFileName().toString())
        .contains(
            "scaling-time.png",
            "scaling-speedup.png",
            "scaling-efficiency.svg",
            "scaling-per-task.png",
            "cost-tasks-low-workers.png",
            "cost-workers.png");
  }

  @Test
  void scalingCurvesComputeSpeedupEfficiencyAndTheCpuMark() {
    ScalingCurves curves = scalingCurves();
    assertThat(curves.workers()).containsExactly(1L, 2L, 4L, 8L);
    assertThat(curves.tasksAt()).isEqualTo(1024);
    assertThat(curves.workersAt()).isEqualTo(2);
    assertThat(curves.cpuMarker()).isEqualTo(1.0);
    double[] speedup = curves.speedup("pool");
    assertThat(speedup[0]).isEqualTo(1.0);
    assertThat(speedup[1]).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(speedup[3]).isCloseTo(2.0 / 1.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(curves.efficiency("pool")[3])
        .isCloseTo(2.0 / 1.1 / 8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(curves.speedup("single")).containsExactly(1.0, 1.0, 1.0, 1.0);
    // Seconds per task at 2 workers: (1 ms + t * 10 us) / 2 / t.
    assertThat(curves.secondsPerTask("pool")[0])
        .isCloseTo((1e-3 + 64e-5) / 2 / 64, org.assertj.core.data.Offset.offset(1e-12));
  }

  /** The scaling sample laid on its grid, with the CPU count its machine recorded. */
  private static ScalingCurves scalingCurves() {
    var results = SampleResults.scaling();
    return new ScalingCurves(
        io.gridbench.api.results.GridResults.of(results.spec(), results.strategies()),
        results.machine().availableProcessors());
  }

  @Test
  void pythonRowsAreFlaggedAsPayingCPythonsComputeCost() throws Exception {
    SweepResults sample = SampleResults.of(0.01, 2.0, false);
    StrategyResult pool = sample.strategies().get(1);
    StrategyResult python =
        new StrategyResult(
            "py-pool",
            StrategyType.PythonPool,
            ExecutionMode.LOCAL,
            2,
            false,
            StrategyResult.Outcome.Succeeded,
            null,
            pool.startedAt(),
            pool.finishedAt(),
            pool.cells());
    SweepResults withPython =
        new SweepResults(
            sample.schemaVersion(),
            sample.sweep(),
            sample.spec(),
            sample.machine(),
            sample.startedAt(),
            sample.finishedAt(),
            List.of(sample.strategies().get(0), python),
            sample.drift(),
            sample.calibration());

    String page = Files.readString(new HtmlReport(withPython).write(dir).page());

    assertThat(page)
        .contains("py-pool ran the kernel in CPython: their compute and payload-hashing cost is")
        .doesNotContain("single ran the kernel in CPython");
  }

  @Test
  void strategyNamesFromAResultsFileCannotEscapeTheReportDirectory() {
    assertThat(HtmlReport.fileSafe("../../etc/evil")).doesNotContain("/").doesNotContain("..");
    assertThat(HtmlReport.fileSafe("process-pool")).isEqualTo("process-pool");
  }

  @Test
  void heatmapsPrintEveryCellAndTheScale() throws Exception {
    new HtmlReport(SampleResults.of(0.01, 2.0, false)).write(dir);
    String single = Files.readString(dir.resolve("charts/heatmap-single.svg"));
    // base 10 ms x (1 + row) x (1 + column): 10, 20, 30 ms and 20, 40, 60 ms.
    assertThat(single).contains(">10.0 ms<", ">20.0 ms<", ">30.0 ms<", ">40.0 ms<", ">60.0 ms<");
    assertThat(single).contains("median seconds per cell, log colour scale");
    // Hovering a cell shows its interval: 5 samples reach only [min, max], at 93.75%.
    assertThat(single).contains("<title>median 10.0 ms, 94% CI 9.80 ms – 10.2 ms, n = 5</title>");
    String speedup = Files.readString(dir.resolve("charts/speedup-pool.svg"));
    // The pool is twice as slow in every cell: six cells read 0.500x (the legend adds a seventh).
    assertThat(speedup.split(">0\\.500×<", -1)).hasSize(8);
    String page = Files.readString(dir.resolve("index.html"));
    assertThat(page).doesNotContain("The machine drifted");
  }
}
