package io.gridbench.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.SweepResults;
import io.gridbench.runner.report.SampleResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

  @TempDir Path dir;

  /** The fields, in order, that JMH 1.37's JSONResultFormat writes for each benchmark. */
  private static final List<String> JMH_FIELDS =
      List.of(
          "jmhVersion",
          "benchmark",
          "mode",
          "threads",
          "forks",
          "jvm",
          "jvmArgs",
          "jdkVersion",
          "vmName",
          "vmVersion",
          "warmupIterations",
          "warmupTime",
          "warmupBatchSize",
          "measurementIterations",
          "measurementTime",
          "measurementBatchSize",
          "params",
          "primaryMetric",
          "secondaryMetrics");

  @Test
  void jmhShapeCarriesEveryCellWithItsMedianIntervalAndSamples() throws Exception {
    SweepResults results = SampleResults.of(0.01, 2.0, false);
    Path file = dir.resolve("r.json");
    ResultsJson.write(results, file);

    CliOutcome o = CliOutcome.run("export", file.toString(), "--format", "jmh");
    assertThat(o.status()).as(o.err()).isZero();
    JsonNode root = ResultsJson.mapper().readTree(o.out());
    assertThat(root.isArray()).isTrue();
    assertThat(root).hasSize(12);

    JsonNode first = root.get(0);
    List<String> fields = new ArrayList<>();
    first.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).isEqualTo(JMH_FIELDS);
    assertThat(first.path("benchmark").asText()).isEqualTo("gridbench.sample.single");
    assertThat(first.path("mode").asText()).isEqualTo("ss");
    assertThat(first.path("params").path("compute").asText()).isEqualTo("0");
    assertThat(first.path("params").path("payloadBytes").asText()).isEqualTo("0");

    CellResult cell = results.strategies().get(0).cells().get(0);
    JsonNode metric = first.path("primaryMetric");
    assertThat(metric.path("score").asDouble()).isEqualTo(cell.stats().median());
    assertThat(metric.path("scoreUnit").asText()).isEqualTo("s/op");
    assertThat(metric.path("scoreConfidence").get(0).asDouble()).isEqualTo(cell.stats().ciLow());
    assertThat(metric.path("scoreConfidence").get(1).asDouble()).isEqualTo(cell.stats().ciHigh());
    assertThat(metric.path("scoreError").asDouble())
        .isCloseTo((cell.stats().ciHigh() - cell.stats().ciLow()) / 2, within(1e-15));
    assertThat(metric.path("scorePercentiles").path("0.0").asDouble())
        .isEqualTo(cell.stats().min());
    assertThat(metric.path("scorePercentiles").path("50.0").asDouble())
        .isCloseTo(cell.stats().median(), within(1e-15));
    assertThat(metric.path("scorePercentiles").path("100.0").asDouble())
        .isEqualTo(cell.stats().max());
    assertThat(metric.path("scorePercentiles").has("99.9999")).isTrue();
    List<Double> raw = new ArrayList<>();
    metric.path("rawData").get(0).forEach(v -> raw.add(v.asDouble()));
    assertThat(raw).isEqualTo(cell.samplesSeconds());

    assertThat(root.get(6).path("benchmark").asText()).isEqualTo("gridbench.sample.pool");
  }

  @Test
  void csvExportAndBadInput() throws Exception {
    Path file = dir.resolve("r.json");
    ResultsJson.write(SampleResults.of(0.01, 2.0, false), file);
    CliOutcome csv = CliOutcome.run("export", file.toString(), "--format", "csv");
    assertThat(csv.status()).isZero();
    assertThat(csv.out().lines()).hasSize(13);

    CliOutcome missing =
        CliOutcome.run("export", dir.resolve("none.json").toString(), "--format", "jmh");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err().strip()).endsWith("none.json: no such file.");
    assertThat(missing.out()).isEmpty();

    CliOutcome format = CliOutcome.run("export", file.toString(), "--format", "xml");
    assertThat(format.status()).isEqualTo(2);
    assertThat(format.err().lines().findFirst().orElseThrow())
        .contains("--format")
        .contains("jmh, csv");
  }

  @Test
  void percentilesInterpolateBetweenOrderStatistics() {
    double[] sorted = {1, 2, 3, 4, 5};
    assertThat(JmhResultsJson.percentile(sorted, 0)).isEqualTo(1);
    assertThat(JmhResultsJson.percentile(sorted, 50)).isEqualTo(3);
    assertThat(JmhResultsJson.percentile(sorted, 90)).isCloseTo(4.6, within(1e-12));
    assertThat(JmhResultsJson.percentile(sorted, 100)).isEqualTo(5);
  }
}
