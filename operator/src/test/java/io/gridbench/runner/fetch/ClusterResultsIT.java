package io.gridbench.runner.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.GridbenchCli;
import io.gridbench.operator.testing.Sweeps;
import io.gridbench.operator.testing.TestApiServer;
import io.gridbench.runner.cli.GridbenchCommand;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridbench fetch} against the real API server, on a sweep the operator ran to Succeeded
 * (its Jobs run in-process by {@link FakeKubelet}). It lives in the operator module, which has the
 * API server harness and the operator that writes what fetch reads.
 */
class ClusterResultsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private KubernetesClient client;
  private String ns;
  private Operator operator;

  @BeforeEach
  void start() throws Exception {
    client = TestApiServer.client();
    ns = "fetch-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 10000;
    TestApiServer.createNamespace(client, ns);
    operator =
        GridbenchOperator.create(
            OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
            Clock.systemUTC(),
            o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    operator.start();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (client != null) {
      client.close();
    }
  }

  @Test
  void aFinishedSweepsFetchedResultsAreItsStatusAndFeedReportCompareAndExport() throws Exception {
    BenchmarkSweepStatus status =
        new FakeKubelet(client)
            .runToSucceeded(
                Sweeps.sweep("f", ns, Sweeps.single("single"), Sweeps.threads("threads")), WAIT)
            .getStatus();
    Path out = dir.resolve("f.json");

    GridbenchCli fetched = GridbenchCli.fetch("f", ns, out);

    assertThat(fetched.status()).as(fetched.err()).isZero();
    assertThat(fetched.err().strip())
        .isEqualTo("gridbench fetch: " + ns + "/f: 8 cells of 2 strategies, written to " + out);
    SweepResults results = ResultsJson.read(out);
    assertThat(results.sweep()).isEqualTo("f");
    assertThat(results.partial()).isFalse();
    assertThat(results.strategies())
        .extracting(StrategyResult::name)
        .containsExactly("single", "threads");
    List<Long> compute = status.getSummary().getCompute();
    List<Long> payload = status.getSummary().getPayloadBytes();
    for (StrategyResult s : results.strategies()) {
      StrategyStatus st =
          status.getStrategies().stream()
              .filter(x -> x.getName().equals(s.name()))
              .findFirst()
              .orElseThrow();
      assertThat(s.outcome()).isEqualTo(StrategyResult.Outcome.Succeeded);
      assertThat(s.startedAt()).hasToString(st.getStartTime());
      assertThat(s.cells()).hasSize(4);
      for (CellResult c : s.cells()) {
        assertThat(c.samplesSeconds()).hasSize(2);
        double median =
            st.getMedianSeconds()
                .get(compute.indexOf(c.compute()))
                .get(payload.indexOf(c.payloadBytes()));
        assertThat(c.stats().median()).as(s.name() + " " + c.key()).isEqualTo(median);
      }
    }
    assertThat(results.strategies().get(1).cells())
        .extracting(CellResult::checksum)
        .isEqualTo(results.strategies().get(0).cells().stream().map(CellResult::checksum).toList());

    GridbenchCli report =
        GridbenchCli.run("report", out.toString(), "--out", dir.resolve("report").toString());
    assertThat(report.status()).as(report.err()).isZero();
    assertThat(dir.resolve("report/index.html")).exists();
    GridbenchCli compare =
        GridbenchCli.run("compare", out.toString(), out.toString(), "--format", "markdown");
    assertThat(compare.status()).as(compare.err()).isZero();
    assertThat(compare.out()).contains("| ");
    GridbenchCli export = GridbenchCli.run("export", out.toString(), "--format", "csv");
    assertThat(export.status()).as(export.err()).isZero();
    assertThat(export.out().strip().lines()).hasSize(1 + 8);

    GridbenchCli toStdout =
        GridbenchCli.run(
            "fetch", "f", "-n", ns, "--kubeconfig", TestApiServer.kubeconfigFile().toString());
    assertThat(toStdout.status()).isZero();
    assertThat(ResultsJson.mapper().readValue(toStdout.out(), SweepResults.class))
        .isEqualTo(results);
  }

  @Test
  void sweepsRepeatedFromOneGenerateNameManifestRunAndFetchApart() throws Exception {
    FakeKubelet kubelet = new FakeKubelet(client);
    List<String> names = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      BenchmarkSweep nightly = Sweeps.sweep(null, ns, Sweeps.single("single"));
      nightly.getMetadata().setGenerateName("nightly-");
      names.add(kubelet.runToSucceeded(nightly, WAIT).getMetadata().getName());
    }
    assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("nightly-[a-z0-9]{5}"));

    for (String name : names) {
      GridbenchCli fetched =
          GridbenchCli.run(
              "fetch", name, "-n", ns, "--kubeconfig", TestApiServer.kubeconfigFile().toString());
      assertThat(fetched.status()).as(fetched.err()).isZero();
      SweepResults results = ResultsJson.mapper().readValue(fetched.out(), SweepResults.class);
      assertThat(results.sweep()).isEqualTo(name);
      assertThat(results.strategies().get(0).cells()).hasSize(4);
    }
  }

  @Test
  void aMissingSweepOrAnUnusableKubeconfigIsOneLineAndExit2() throws Exception {
    String kubeconfig = TestApiServer.kubeconfigFile().toString();
    GridbenchCli missing = GridbenchCli.run("fetch", "nope", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(missing.status()).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(missing.err().strip())
        .isEqualTo(
            "gridbench fetch: no BenchmarkSweep nope in namespace "
                + ns
                + ", and no results retained by one (spec.retainResults).");
    assertThat(missing.out()).isEmpty();

    Path garbled = Files.writeString(dir.resolve("kubeconfig"), "{not: [a kubeconfig");
    GridbenchCli bad = GridbenchCli.run("fetch", "f", "--kubeconfig", garbled.toString());
    assertThat(bad.status()).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(bad.err().strip().lines()).hasSize(1);
    assertThat(bad.err()).startsWith("gridbench fetch: --kubeconfig: cannot use " + garbled);
  }
}
