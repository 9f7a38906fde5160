package io.gridbench.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.runner.report.SampleResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTablesTest {

  @Test
  void csvCarriesTheMedianIntervalAndTheOutliers() {
    SweepResults sample = SampleResults.of(0.01, 2.0, false);
    StrategyResult single = sample.strategies().get(0);
    // Quartiles 1.0 and 1.1: the upper fence is 1.25, so 5.0 (index 4) is an outlier.
    CellResult withOutlier =
        CellResult.of(0, 0, 8, 7, List.of(1.0, 1.1, 0.9, 1.0, 5.0), Instant.EPOCH, null);
    StrategyResult oneCell =
        new StrategyResult(
            single.name(),
            single.type(),
            single.mode(),
            single.workers(),
            false,
            StrategyResult.Outcome.Succeeded,
            null,
            Instant.EPOCH,
            Instant.EPOCH,
            List.of(withOutlier, single.cells().get(1)));
    SweepResults results =
        new SweepResults(
            1,
            "csv",
            sample.spec(),
            sample.machine(),
            Instant.EPOCH,
            Instant.EPOCH,
            List.of(oneCell),
            null,
            null);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ResultTables.printCsv(results, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

    assertThat(lines.get(0))
        .endsWith(
            ",checksum,median_ci_low_s,median_ci_high_s,median_ci_confidence,outliers,"
                + "outlier_indices");
    int columns = lines.get(0).split(",", -1).length;
    assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(columns));
    // Five samples: the interval is [min, max] with coverage 1 - 2/32 = 0.9375.
    assertThat(lines.get(1)).endsWith(",0.900000000,5.000000000,0.9375,1,4");
    assertThat(lines.get(2)).endsWith(",0.9375,0,");
  }

  @Test
  void aScalingSweepsTablesFollowWorkersAndTasksWithTheFixedValuesStated() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ResultTables.printMatrices(
        SampleResults.scaling(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("pool  [ThreadPool, local] median seconds per cell (compute 1000, payload 0B)");
    assertThat(lines.get(1)).startsWith(" workers\\tasks").contains("64").contains("1024");
    assertThat(lines.get(2).trim()).startsWith("1 ");
    assertThat(lines.get(4)).as("4 workers on 2 CPUs").startsWith("             4").contains("*");
    assertThat(lines.get(2)).doesNotContain("*");
    assertThat(lines)
        .contains("* oversubscribed: the pool had more workers than the 2 CPUs it ran on.");

    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    ResultTables.printCsv(
        SampleResults.scaling(), new PrintStream(csv, true, StandardCharsets.UTF_8));
    List<String> rows = csv.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(rows.get(0)).endsWith(",outlier_indices,oversubscribed");
    assertThat(rows.get(1)).startsWith("pool,ThreadPool,local,1,1000,0,64,").endsWith(",false");
    assertThat(rows.get(12)).startsWith("pool,ThreadPool,local,8,1000,0,1024,").endsWith(",true");
  }
}
