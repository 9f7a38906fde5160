package io.gridbench.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.worker.WorkerEnvironment;
import io.gridbench.runner.worker.OperatorShards;
import io.gridbench.runner.worker.Plans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class WorkerCommandTest {

  static KubernetesClient client;

  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** The command for {@code strategy} of {@code plan}, whose first shard the operator made. */
  private WorkerCommand command(SweepPlan plan, String strategy) throws IOException {
    WorkerCommand c = new WorkerCommand();
    c.planFile = dir.resolve("plan.json");
    if (plan != null) {
      Files.writeString(c.planFile, plan.toJson());
      if (strategy != null) {
        OperatorShards.create(client, plan, strategy, 1);
      }
    }
    c.strategy = strategy;
    c.terminationLog = Files.createFile(dir.resolve("termination-log"));
    return c;
  }

  private int run(WorkerCommand c) {
    return c.run(client, new PrintStream(err, true));
  }

  @Test
  void aMeasuredStrategyExitsZeroWithEveryCellInItsConfigMap() throws Exception {
    WorkerCommand c = command(Plans.twoByTwo("ok"), "single");
    c.env = Map.of(WorkerEnvironment.NODE_NAME, "node-7");

    assertThat(run(c)).isZero();
    Map<String, String> data =
        client.configMaps().inNamespace("test").withName("ok-single").get().getData();
    assertThat(data)
        .as("four cells, the drift canary's report and the machine")
        .containsOnlyKeys(
            "c0.p0.t4",
            "c0.p256.t4",
            "c1000.p0.t4",
            "c1000.p256.t4",
            ResultsConfigMaps.DRIFT_KEY,
            ResultsConfigMaps.MACHINE_KEY);
    MachineInfo machine =
        ResultsConfigMaps.decodeMachine("x", data.get(ResultsConfigMaps.MACHINE_KEY));
    MachineInfo here = MachineInfo.current();
    assertThat(machine.node()).as("the downward API's node name").isEqualTo("node-7");
    assertThat(machine.cpuModel()).isEqualTo(here.cpuModel());
    assertThat(machine.availableProcessors()).isEqualTo(here.availableProcessors());
    assertThat(machine.totalMemoryBytes()).isEqualTo(here.totalMemoryBytes());
    assertThat(machine.osVersion()).isEqualTo(here.osVersion());
    assertThat(machine.javaVersion()).isEqualTo(here.javaVersion());
  }

  @Test
  void aMissingPlanIsBadInputAndSaysSoInTheTerminationLog() throws IOException {
    WorkerCommand c = command(null, "single");

    assertThat(run(c)).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(Files.readString(c.terminationLog))
        .startsWith("InvalidPlan: ")
        .contains("no such file");
  }

  @Test
  void aFailingStrategyExitsOneWithItsReason() throws IOException {
    WorkerCommand c =
        command(Plans.twoByTwo("ray", new StrategySpec("r", StrategyType.RayTasks)), "r");

    assertThat(run(c)).isEqualTo(GridbenchCommand.EXIT_STRATEGY_FAILED);
    assertThat(Files.readString(c.terminationLog))
        .startsWith("MeasurementFailed: ")
        .contains("needs Ray");
  }

  @Test
  void anUnreachableApiServerIsReportedAsResultsNotWritten() throws IOException {
    WorkerCommand c = command(Plans.twoByTwo("away"), "single");
    try (KubernetesClient nowhere =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("https://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {

      assertThat(c.run(nowhere, new PrintStream(err, true)))
          .isEqualTo(WorkerCommand.EXIT_RESULTS_UNWRITABLE);
    }
    assertThat(Files.readString(c.terminationLog))
        .startsWith("ResultsNotWritten: the API server could not be reached");
  }

  @Test
  void noStrategyIsBadInput() throws IOException {
    WorkerCommand c = command(Plans.twoByTwo("none"), null);

    assertThat(run(c)).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("pass --strategy or set GRIDBENCH_STRATEGY");
  }

  @Test
  void aRayStrategyWithAnUnreachableRayAddressFailsFastAsRayUnavailable() throws IOException {
    WorkerCommand c =
        command(Plans.twoByTwo("rayaway", new StrategySpec("r", StrategyType.RayTasks)), "r");
    // A port nothing listens on: the GCS check refuses it before Ray.init.
    c.rayAddress = "127.0.0.1:1";

    assertThat(run(c)).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(Files.readString(c.terminationLog))
        .startsWith("RayUnavailable: --ray-address: no Ray GCS at 127.0.0.1:1");
    assertThat(client.configMaps().inNamespace("test").withName("rayaway-r").get().getData())
        .isNullOrEmpty();
  }

  @Test
  void aMalformedRayAddressIsRayUnavailable() throws IOException {
    WorkerCommand c =
        command(Plans.twoByTwo("raybad", new StrategySpec("r", StrategyType.RayTasks)), "r");
    c.rayAddress = "ray-head";

    assertThat(run(c)).isEqualTo(GridbenchCommand.EXIT_BAD_INPUT);
    assertThat(Files.readString(c.terminationLog))
        .startsWith("RayUnavailable: --ray-address: 'ray-head' is not a Ray address");
  }

  @Test
  void aLocalStrategyIgnoresTheRayAddress() throws IOException {
    WorkerCommand c = command(Plans.twoByTwo("localray"), "single");
    c.rayAddress = "127.0.0.1:1";

    assertThat(run(c)).isZero();
    assertThat(client.configMaps().inNamespace("test").withName("localray-single").get().getData())
        .as("four cells, the drift canary's report and the machine")
        .hasSize(6);
  }
}
