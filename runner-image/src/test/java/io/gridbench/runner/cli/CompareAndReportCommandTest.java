package io.gridbench.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.ResultsJson;
import io.gridbench.runner.report.SampleResults;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareAndReportCommandTest {

  @TempDir Path dir;

  private static CliOutcome run(String... args) {
    return CliOutcome.run(args);
  }

  private Path write(String name, double base, double poolFactor) throws Exception {
    Path file = dir.resolve(name);
    ResultsJson.write(SampleResults.of(base, poolFactor, false), file);
    return file;
  }

  @Test
  void compareFindsTheSlowerStrategyAndGatesOnRegressions() throws Exception {
    Path a = write("a.json", 0.01, 2.0);
    Path b = write("b.json", 0.01, 3.0); // the pool got 50% slower, single-thread did not change

    CliOutcome o = run("compare", a.toString(), b.toString());
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(o.out().lines().filter(l -> l.startsWith("pool")))
        .hasSize(6)
        .allSatisfy(l -> assertThat(l).contains("1.500").endsWith("slower"));
    assertThat(o.out().lines().filter(l -> l.startsWith("single")))
        .hasSize(6)
        .allSatisfy(l -> assertThat(l).contains("1.000").endsWith("same"));
    assertThat(o.out()).contains("12 cells compared: 0 faster, 6 slower, 6 same");

    assertThat(run("compare", a.toString(), b.toString(), "--fail-on-regression", "0.4").status())
        .isEqualTo(1);
    assertThat(run("compare", a.toString(), b.toString(), "--fail-on-regression", "0.6").status())
        .isZero();
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
    assertThat(negative.err()).contains("--fail-on-regression: -1.0 is out of range");

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
