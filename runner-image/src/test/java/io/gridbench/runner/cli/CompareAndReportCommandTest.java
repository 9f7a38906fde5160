package io.gridbench.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.runner.report.SampleResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareAndReportCommandTest {

  @TempDir Path dir;

  private static CliOutcome run(String... args) {
    return CliOutcome.run(args);
  }

  private Path write(String name, double base, double poolFactor) throws Exception {
    return write(name, base, poolFactor, 10);
  }

  private Path write(String name, double base, double poolFactor, int repetitions)
      throws Exception {
    Path file = dir.resolve(name);
    ResultsJson.write(SampleResults.of(base, poolFactor, false, repetitions), file);
    return file;
  }

  @Test
  void compareFindsTheSlowerStrategyAndGatesOnRegressions() throws Exception {
    Path a = write("a.json", 0.01, 2.0);
    Path b = write("b.json", 0.01, 3.0); // the pool got 50% slower, single-thread did not change

    CliOutcome o = run("compare", a.toString(), b.toString());
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(o.err()).isEmpty();
    assertThat(o.out().lines().filter(l -> l.startsWith("pool")))
        .hasSize(6)
        .allSatisfy(l -> assertThat(l).contains("1.500").endsWith("slower"));
    assertThat(o.out().lines().filter(l -> l.startsWith("single")))
        .hasSize(6)
        .allSatisfy(l -> assertThat(l).contains("1.000").endsWith("same"));
    assertThat(o.out())
        .contains("12 cells compared: 0 faster, 6 slower, 6 same")
        .contains("Holm-corrected over 12 cells")
        .contains("Geometric mean of B/A: 1.225 over all cells; single 1.000, pool 1.500.");

    CliOutcome gated = run("compare", a.toString(), b.toString(), "--fail-on-regression", "40");
    assertThat(gated.status()).isEqualTo(1);
    assertThat(gated.err().strip())
        .startsWith("gridbench: 6 of 12 cells significantly slower by more than 40%: pool")
        .contains("+50.0%")
        .endsWith("+50.0% and 3 more.")
        .doesNotContain("\n");
    assertThat(gated.out()).contains("12 cells compared"); // the table is still printed
    assertThat(run("compare", a.toString(), b.toString(), "--fail-on-regression", "60").status())
        .isZero();
    // Faster is never a regression.
    assertThat(run("compare", b.toString(), a.toString(), "--fail-on-regression", "0").status())
        .isZero();
  }

  @Test
  void tooFewSamplesForHolmAreSaidAndNoneTurnsTheCorrectionOff() throws Exception {
    Path a = write("a5.json", 0.01, 2.0, 5);
    Path b = write("b5.json", 0.01, 3.0, 5);

    CliOutcome holm = run("compare", a.toString(), b.toString(), "--fail-on-regression", "10");
    assertThat(holm.status()).as(holm.err()).isZero();
    assertThat(holm.out()).contains("0 faster, 0 slower, 12 same");
    assertThat(holm.err().strip())
        .isEqualTo(
            "gridbench: warning: with these sample counts no cell can reach p < 0.05 after"
                + " Holm's correction over 12 cells; measure more repetitions.");

    CliOutcome none =
        run(
            "compare",
            a.toString(),
            b.toString(),
            "--correction",
            "none",
            "--fail-on-regression",
            "10");
    assertThat(none.status()).isEqualTo(1);
    assertThat(none.out())
        .contains("0 faster, 6 slower, 6 same")
        .contains("expect about alpha x cells false alarms");
  }

  @Test
  void compareFormatsMarkdownCsvAndJson() throws Exception {
    Path a = write("a.json", 0.01, 2.0);
    Path b = write("b.json", 0.01, 3.0);

    CliOutcome md = run("compare", a.toString(), b.toString(), "--format", "markdown");
    assertThat(md.status()).as(md.err()).isZero();
    List<String> table = md.out().lines().takeWhile(l -> l.startsWith("|")).toList();
    assertThat(table).hasSize(2 + 12);
    assertThat(table.get(0))
        .isEqualTo(
            "| strategy | compute | payload | A median (s) | B median (s) | B/A | p | p adj |"
                + " verdict |");
    assertThat(table.get(1)).isEqualTo("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    // Every row has the header's cells, so it renders as one table.
    assertThat(table).allSatisfy(l -> assertThat(l.chars().filter(ch -> ch == '|')).hasSize(10));
    assertThat(table.get(2)).startsWith("| single | 0 | 0B |").endsWith("| same |");
    assertThat(md.out().lines().filter(l -> l.startsWith("| pool")))
        .allSatisfy(l -> assertThat(l).contains("| 1.500 |").endsWith("| **slower** |"));
    assertThat(md.out()).contains("\n\n12 cells compared:");

    CliOutcome csv = run("compare", a.toString(), b.toString(), "--format", "csv");
    assertThat(csv.status()).isZero();
    List<String> lines = csv.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "strategy,compute,payload_bytes,median_a_s,median_b_s,ratio,change_percent,p,"
                + "p_adjusted,verdict");
    assertThat(lines).hasSize(13);
    assertThat(lines.stream().filter(l -> l.startsWith("pool,")))
        .allSatisfy(l -> assertThat(l).contains(",1.500000,50.000,").endsWith(",slower"));

    CliOutcome json =
        run(
            "compare",
            a.toString(),
            b.toString(),
            "--format",
            "json",
            "--fail-on-regression",
            "40");
    assertThat(json.status()).isEqualTo(1);
    JsonNode root = ResultsJson.mapper().readTree(json.out());
    assertThat(root.path("correction").asText()).isEqualTo("holm");
    assertThat(root.path("regressions").asInt()).isEqualTo(6);
    assertThat(root.path("summary").path("slower").asInt()).isEqualTo(6);
    assertThat(root.path("summary").path("geometricMeanRatio").asDouble())
        .isCloseTo(Math.sqrt(1.5), within(1e-9));
    assertThat(root.path("summary").path("geometricMeanRatioByStrategy").path("pool").asDouble())
        .isCloseTo(1.5, within(1e-9));
    assertThat(root.path("cells")).hasSize(12);
    JsonNode cell = root.path("cells").get(6);
    assertThat(cell.path("strategy").asText()).isEqualTo("pool");
    assertThat(cell.path("verdict").asText()).isEqualTo("slower");
    assertThat(cell.path("adjustedPValue").asDouble())
        .isGreaterThanOrEqualTo(cell.path("pValue").asDouble());
  }

  @Test
  void compareRejectsBadInput() throws Exception {
    Path a = write("a.json", 0.01, 2.0);
    CliOutcome missing = run("compare", a.toString(), dir.resolve("none.json").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err().strip()).endsWith("none.json: no such file.");

    CliOutcome alpha = run("compare", a.toString(), a.toString(), "--alpha", "1.5");
    assertThat(alpha.status()).isEqualTo(2);
    assertThat(alpha.err().strip())
        .isEqualTo("gridbench: --alpha: 1.5 is out of range; it must be above 0 and below 1.");

    CliOutcome negative = run("compare", a.toString(), a.toString(), "--fail-on-regression", "-1");
    assertThat(negative.status()).isEqualTo(2);
    assertThat(negative.err().strip())
        .isEqualTo(
            "gridbench: --fail-on-regression: -1.0 is out of range; it must be a percentage, 0 or"
                + " more (10 means 10% slower).");
    CliOutcome infinite =
        run("compare", a.toString(), a.toString(), "--fail-on-regression", "Infinity");
    assertThat(infinite.status()).isEqualTo(2);
    assertThat(infinite.err()).contains("--fail-on-regression: Infinity is out of range");

    CliOutcome notANumber =
        run("compare", a.toString(), a.toString(), "--fail-on-regression", "ten");
    assertThat(notANumber.status()).isEqualTo(2);
    assertThat(notANumber.err().strip())
        .isEqualTo(
            "gridbench: Invalid value for option '--fail-on-regression': 'ten' is not a double"
                + " (Exit 1 when a cell is significantly slower by more than PERCENT (0 or more; 10"
                + " means 10% slower).); see 'gridbench compare --help'.");

    CliOutcome bare = run();
    assertThat(bare.status()).isEqualTo(2);
    assertThat(bare.err()).contains("Usage: gridbench").contains("compare").contains("export");

    CliOutcome minChange = run("compare", a.toString(), a.toString(), "--min-change", "-0.1");
    assertThat(minChange.status()).isEqualTo(2);
    assertThat(minChange.err()).contains("--min-change: -0.1 is out of range");

    CliOutcome correction = run("compare", a.toString(), a.toString(), "--correction", "bonf");
    assertThat(correction.status()).isEqualTo(2);
    assertThat(correction.err().lines().findFirst().orElseThrow())
        .contains("--correction")
        .contains("holm, none");

    CliOutcome format = run("compare", a.toString(), a.toString(), "--format", "xml");
    assertThat(format.status()).isEqualTo(2);
    assertThat(format.err().lines().findFirst().orElseThrow())
        .contains("--format")
        .contains("text, json, csv, markdown");

    Path junk = dir.resolve("junk.json");
    Files.writeString(junk, "{ not json");
    CliOutcome notResults = run("compare", a.toString(), junk.toString());
    assertThat(notResults.status()).isEqualTo(2);
    assertThat(notResults.err()).contains("junk.json: not a gridbench results file");
  }

  @Test
  void reportWritesThePageAndRejectsBadInput() throws Exception {
    Path a = write("a.json", 0.01, 2.0);
    CliOutcome ok = run("report", a.toString(), "--out", dir.resolve("report").toString());
    assertThat(ok.status()).as(ok.err()).isZero();
    assertThat(dir.resolve("report/index.html")).exists();

    CliOutcome missing =
        run("report", dir.resolve("none.json").toString(), "--out", dir.resolve("r2").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(dir.resolve("r2")).doesNotExist();

    CliOutcome intoFile = run("report", a.toString(), "--out", a.toString());
    assertThat(intoFile.status()).isEqualTo(2);
    assertThat(intoFile.err().strip()).endsWith("is a file; give a directory.");
  }
}
