package io.gridbench.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.Order;
import io.gridbench.api.v1alpha1.StrategyType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestReaderTest {

  private static final String HEADER =
      "apiVersion: gridbench.io/v1alpha1\nkind: BenchmarkSweep\nmetadata:\n  name: demo\n";

  private final ManifestReader reader = new ManifestReader();

  private static String manifest(String grid, String rest) {
    return HEADER
        + "spec:\n  grid:\n"
        + grid
        + rest
        + "  strategies:\n    - name: one\n      type: SingleThread\n";
  }

  private static final String GOOD_GRID =
      "    compute: {values: [0, 1000]}\n    payloadBytes: {start: 1024, factor: 2, steps: 3}\n";

  @Test
  void aManifestWithGenerateNameIsNamedByItsPrefixAndANameWins() throws Exception {
    String generated =
        manifest(GOOD_GRID, "").replace("  name: demo\n", "  generateName: nightly-\n");
    assertThat(reader.parse(generated, "file").name()).isEqualTo("nightly");
    String both =
        manifest(GOOD_GRID, "").replace("  name: demo\n", "  name: demo\n  generateName: x-\n");
    assertThat(reader.parse(both, "file").name()).isEqualTo("demo");
    String neither = manifest(GOOD_GRID, "").replace("  name: demo\n", "  labels: {a: b}\n");
    assertThat(reader.parse(neither, "file").name()).isEqualTo("file");
  }

  @Test
  void readsAValidManifest() throws Exception {
    SweepManifest m = reader.parse(manifest(GOOD_GRID, "  order: shuffled\n  seed: 3\n"), "x");
    assertThat(m.name()).isEqualTo("demo");
    assertThat(m.spec().getGrid().getCompute().expand()).containsExactly(0L, 1000L);
    assertThat(m.spec().getGrid().getPayloadBytes().expand()).containsExactly(1024L, 2048L, 4096L);
    assertThat(m.spec().effectiveOrder()).isEqualTo(Order.SHUFFLED);
    assertThat(m.spec().getStrategies().get(0).getType()).isEqualTo(StrategyType.SingleThread);
    assertThat(m.spec().effectiveTasksPerCell()).isEqualTo(64);
  }

  @Test
  void readsAPlacementWithTheKubernetesPodTypes() throws Exception {
    SweepManifest m =
        reader.parse(
            manifest(
                GOOD_GRID,
                "  placement:\n"
                    + "    nodeSelector: {kubernetes.io/arch: amd64}\n"
                    + "    tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]\n"
                    + "    affinity:\n"
                    + "      nodeAffinity:\n"
                    + "        requiredDuringSchedulingIgnoredDuringExecution:\n"
                    + "          nodeSelectorTerms:\n"
                    + "            - matchExpressions: [{key: zone, operator: In, values: [a]}]\n"),
            "x");
    var placement = m.spec().getPlacement();
    assertThat(placement.getNodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
    assertThat(placement.getTolerations().get(0).getOperator()).isEqualTo("Exists");
    assertThat(
            placement
                .getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions()
                .get(0)
                .getValues())
        .containsExactly("a");
  }

  @Test
  void readsAPlainListAsAnAxisOfValues() throws Exception {
    SweepManifest m =
        reader.parse(
            manifest("    compute: [0, 1000]\n    payloadBytes:\n      - 0\n      - 65536\n", ""),
            "x");
    assertThat(m.spec().getGrid().getCompute()).isEqualTo(Axis.of(0, 1000));
    assertThat(m.spec().getGrid().getPayloadBytes().expand()).containsExactly(0L, 65536L);
  }

  @Test
  void acceptsAutoRepetitionsAndACanary() throws Exception {
    SweepManifest m =
        reader.parse(
            manifest(
                GOOD_GRID,
                "  repetitions: auto\n  autoRepetitions: {max: 20}\n"
                    + "  driftCanary: {everyCells: 4, threshold: 0.1}\n"),
            "x");
    assertThat(m.spec().usesAutoRepetitions()).isTrue();
    assertThat(m.spec().effectiveRepetitions()).isEqualTo(6);
    assertThat(m.spec().effectiveAutoRepetitions().effectiveMax()).isEqualTo(20);
    assertThat(m.spec().effectiveDriftCanary().effectiveEveryCells()).isEqualTo(4);
    assertThat(
            reader
                .parse(manifest(GOOD_GRID, "  repetitions: 7\n"), "x")
                .spec()
                .effectiveRepetitions())
        .isEqualTo(7);
  }

  private static final String SCALING_GRID = "    compute: [100000]\n    payloadBytes: [0]\n";

  @Test
  void readsWorkersAndTasksAxesInEveryForm() throws Exception {
    SweepManifest m =
        reader.parse(
            manifest(
                SCALING_GRID
                    + "    workers: [1, 2, 4]\n    tasksPerCell: {start: 64, factor: 4, steps: 3}\n",
                ""),
            "x");
    assertThat(m.spec().getGrid().getWorkers()).isEqualTo(Axis.of(1, 2, 4));
    assertThat(m.spec().getGrid().getTasksPerCell().expand()).containsExactly(64L, 256L, 1024L);
    assertThat(m.spec().largestWorkersFor(m.spec().getStrategies().get(0))).isEqualTo(4);
    SweepManifest values =
        reader.parse(manifest(SCALING_GRID + "    workers: {values: [8]}\n", ""), "x");
    assertThat(values.spec().getGrid().getWorkers().expand()).containsExactly(8L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "zero workers | '    workers: [0, 2]\n' | ''"
            + " | spec.grid.workers.values[0]: 0 is out of range; allowed values are 1 to 1024.",
        "too many tasks | '    tasksPerCell: {start: 1000, factor: 10, steps: 5}\n' | ''"
            + " | spec.grid.tasksPerCell: the last of 5 steps is 10000000; allowed values are 1 to"
            + " 1000000.",
        "scalar workers axis | '    workers: 4\n' | ''"
            + " | spec.grid.workers: has the wrong shape; expected a list of whole numbers or an"
            + " object (values, or start, factor and steps).",
        "axis and single value | '    workers: [1, 2]\n' | '  workers: 2\n'"
            + " | spec.workers: cannot be given with the spec.grid.workers axis; list the pool sizes"
            + " in the axis alone.",
        "tasks axis and single value | '    tasksPerCell: [8]\n' | '  tasksPerCell: 8\n'"
            + " | spec.tasksPerCell: cannot be given with the spec.grid.tasksPerCell axis; list the"
            + " task counts in the axis alone.",
        "three varying axes | '    workers: [1, 2]\n    tasksPerCell: [8, 16]\n' | ''"
            + " | spec.grid: 3 axes vary (payloadBytes, workers, tasksPerCell); at most 2 may vary,"
            + " give the others one value.",
        "rounding repeats | '    workers: {start: 1, factor: 1.01, steps: 200}\n' | ''"
            + " | spec.grid.workers: 1 appears twice after rounding; use a larger factor or start;"
            + " axis values must be distinct.",
        "tasks axis too large in memory | '    tasksPerCell: [10, 300000]\n' | ''"
            + " | spec.grid.tasksPerCell: 300000 tasks x 4096 payload bytes is 1171 MiB per cell;"
            + " at most 1024 MiB of payloads per cell are allowed.",
      })
  void rejectsBadWorkersAndTasksAxes(String label, String axes, String rest, String expected) {
    String grid =
        GOOD_GRID.replace("{values: [0, 1000]}", "{values: [0]}") + axes.replace("\\n", "\n");
    if (label.startsWith("three")) {
      grid = grid.replace("steps: 3", "steps: 2");
    } else if (!label.startsWith("tasks axis too")) {
      grid = grid.replace("{start: 1024, factor: 2, steps: 3}", "[0]");
    } else {
      grid = grid.replace("{start: 1024, factor: 2, steps: 3}", "[4096]");
    }
    String text = manifest(grid, rest.replace("\\n", "\n"));
    assertThatThrownBy(() -> reader.parse(text, "x"))
        .isInstanceOf(ManifestException.class)
        .hasMessage(expected);
  }

  @Test
  void aStrategysOwnPoolSizeIsRefusedOnAWorkersAxis() {
    String text =
        manifest(SCALING_GRID + "    workers: [1, 2]\n", "")
            .replace("type: SingleThread", "type: ThreadPool\n      workers: 3");
    assertThatThrownBy(() -> reader.parse(text, "x"))
        .hasMessage(
            "spec.strategies[0].workers: cannot be given with the spec.grid.workers axis; the axis"
                + " sets every strategy's pool size.");
  }

  @Test
  void limitsCellsOverAllFourAxes() {
    String workers =
        java.util.stream.LongStream.rangeClosed(1, 100)
            .mapToObj(Long::toString)
            .collect(java.util.stream.Collectors.joining(", "));
    String tasks =
        java.util.stream.LongStream.rangeClosed(1, 101)
            .mapToObj(Long::toString)
            .collect(java.util.stream.Collectors.joining(", "));
    String text =
        manifest(
            SCALING_GRID + "    workers: [" + workers + "]\n    tasksPerCell: [" + tasks + "]\n",
            "");
    assertThatThrownBy(() -> reader.parse(text, "x"))
        .hasMessage(
            "spec.grid: 10100 cells (compute x payloadBytes x workers x tasksPerCell) is too many;"
                + " at most 10000 are allowed.");
  }

  @Test
  void namesTheSweepAfterTheFileWhenMetadataHasNoName() throws Exception {
    String text = manifest(GOOD_GRID, "").replace("metadata:\n  name: demo\n", "");
    assertThat(reader.parse(text, "from-file").name()).isEqualTo("from-file");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown strategy type | type: SingleThread | type: Quantum"
            + " | spec.strategies[0].type: 'Quantum' is not allowed; allowed values are SingleThread,"
            + " ThreadPool, ProcessPool, RayPool, RayActors, RayTasks, PythonSingleThread,"
            + " PythonPool, PythonRayPool, PythonRayActors.",
        "empty axis | compute: {values: [0, 1000]} | compute: {values: []}"
            + " | spec.grid.compute: is empty; give at least one value from 0 to 10000000000.",
        "negative axis value | compute: {values: [0, 1000]} | compute: {values: [0, -5]}"
            + " | spec.grid.compute.values[1]: -5 is out of range; allowed values are 0 to"
            + " 10000000000.",
        "zero geometric steps | steps: 3 | steps: 0"
            + " | spec.grid.payloadBytes.steps: 0 is out of range; allowed values are 1 to 10000.",
        "non-numeric value | compute: {values: [0, 1000]} | compute: {values: [0, lots]}"
            + " | spec.grid.compute.values[1]: 'lots' is not a whole number.",
        "fractional value | compute: {values: [0, 1000]} | compute: {values: [0, 1.5]}"
            + " | spec.grid.compute.values[1]: '1.5' is not a whole number.",
        "payload above 256 MiB | {start: 1024, factor: 2, steps: 3} | {values: [268435457]}"
            + " | spec.grid.payloadBytes.values[0]: 268435457 is out of range; allowed values are 0"
            + " to 268435456.",
        "unknown field | compute: {values: [0, 1000]} | compute: {valeus: [0, 1000]}"
            + " | spec.grid.compute.valeus: unknown field; allowed fields here are factor, start,"
            + " steps, values.",
        "scalar axis | compute: {values: [0, 1000]} | compute: 1000"
            + " | spec.grid.compute: has the wrong shape; expected a list of whole numbers or an"
            + " object (values, or start, factor and steps).",
        "list for result bytes | compute: {values: [0, 1000]}"
            + " | 'compute: [0, 1000]\n    resultBytes: [8]'"
            + " | spec.grid.resultBytes: has the wrong shape; expected a whole number.",
        "text in a plain list | compute: {values: [0, 1000]} | compute: [0, lots]"
            + " | spec.grid.compute[1]: 'lots' is not a whole number.",
        "empty plain list | compute: {values: [0, 1000]} | compute: []"
            + " | spec.grid.compute: is empty; give at least one value from 0 to 10000000000.",
        "negative in a plain list | compute: {values: [0, 1000]} | compute: [0, -5]"
            + " | spec.grid.compute.values[1]: -5 is out of range; allowed values are 0 to"
            + " 10000000000.",
        "duplicate axis value | compute: {values: [0, 1000]} | compute: {values: [7, 7]}"
            + " | spec.grid.compute.values[1]: 7 appears twice; axis values must be distinct.",
        "factor not above one | factor: 2 | factor: 1"
            + " | spec.grid.payloadBytes.factor: 1.0 is not allowed; it must be greater than 1.",
      })
  void rejectsBadGridsWithOneLineNamingTheField(
      String label, String from, String to, String expected) {
    String text = manifest(GOOD_GRID, "").replace(from, to);
    assertThatThrownBy(() -> reader.parse(text, "x"))
        .isInstanceOf(ManifestException.class)
        .hasMessage(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tasksPerCell zero | '  tasksPerCell: 0\n'"
            + " | spec.tasksPerCell: 0 is out of range; allowed values are 1 to 1000000.",
        "repetitions zero | '  repetitions: 0\n'"
            + " | spec.repetitions: 0 is out of range; allowed values are 1 to 10000.",
        "negative warmup | '  warmup: -1\n'"
            + " | spec.warmup: -1 is out of range; allowed values are 0 to 1000.",
        "repetitions word | '  repetitions: many\n'"
            + " | spec.repetitions: 'many' is not allowed; give a whole number from 1 to 10000 or"
            + " 'auto'.",
        "auto cap below minimum | '  repetitions: auto\n  autoRepetitions: {min: 8, max: 4}\n'"
            + " | spec.autoRepetitions.max: 4 is out of range; allowed values are 8 to 10000.",
        "auto target width | '  repetitions: auto\n  autoRepetitions: {targetRelativeWidth: 2}\n'"
            + " | spec.autoRepetitions.targetRelativeWidth: 2.0 is out of range; it must be above 0"
            + " and below 1.",
        "results too large | '  tasksPerCell: 128\n'"
            + " | spec.grid.resultBytes: 128 tasks x 16777216 result bytes is 2048 MiB per cell; at"
            + " most 1024 MiB of results per cell are allowed.",
        "canary every zero | '  driftCanary: {everyCells: 0}\n'"
            + " | spec.driftCanary.everyCells: 0 is out of range; allowed values are 1 to 10000.",
        "canary threshold | '  driftCanary: {threshold: -0.1}\n'"
            + " | spec.driftCanary.threshold: -0.1 is out of range; it must be above 0 and at most"
            + " 10.",
        "unknown order | '  order: random\n'"
            + " | spec.order: 'random' is not allowed; allowed values are sequential, shuffled,"
            + " interleaved.",
        "cell too large in memory | '  tasksPerCell: 100000\n'"
            + " | spec.tasksPerCell: 100000 tasks x 4096 payload bytes is 390 MiB per cell; at most"
            + " 1024 MiB of payloads per cell are allowed.",
      })
  void rejectsBadSettings(String label, String rest, String expected) {
    String text = manifest(GOOD_GRID, rest.replace("\\n", "\n"));
    if (label.startsWith("results too large")) {
      text = text.replace("    payloadBytes:", "    resultBytes: 16777216\n    payloadBytes:");
    }
    if (label.startsWith("cell too large")) {
      text = text.replace("steps: 3", "steps: 19");
      expected =
          expected.replace(
              "4096 payload bytes is 390 MiB", "268435456 payload bytes is 25600000 MiB");
    }
    String finalText = text;
    assertThatThrownBy(() -> reader.parse(finalText, "x")).hasMessage(expected);
  }

  @Test
  void rejectsMoreThanTenThousandCells() {
    String many =
        java.util.stream.LongStream.range(0, 101)
            .mapToObj(Long::toString)
            .collect(java.util.stream.Collectors.joining(", "));
    String text =
        manifest(GOOD_GRID, "")
            .replace("compute: {values: [0, 1000]}", "compute: {values: [" + many + "]}")
            .replace(
                "{start: 1024, factor: 2, steps: 3}", "{start: 1000, factor: 1.1, steps: 100}");
    assertThatThrownBy(() -> reader.parse(text, "x"))
        .hasMessage(
            "spec.grid: 10100 cells (compute x payloadBytes) is too many; at most 10000 are"
                + " allowed.");
  }

  @Test
  void rejectsDuplicateStrategyNamesAndMisplacedOptions() {
    String twice = manifest(GOOD_GRID, "") + "    - name: one\n      type: ThreadPool\n";
    assertThatThrownBy(() -> reader.parse(twice, "x"))
        .hasMessage("spec.strategies[1].name: 'one' is used twice; strategy names must be unique.");
    String rebuild =
        manifest(GOOD_GRID, "")
            .replace("type: SingleThread", "type: ThreadPool\n      rebuild: true");
    assertThatThrownBy(() -> reader.parse(rebuild, "x"))
        .hasMessage(
            "spec.strategies[0].rebuild: true is only meaningful for ProcessPool, RayPool, PythonPool"
                + " and PythonRayPool, not ThreadPool.");
    String startMethod =
        manifest(GOOD_GRID, "")
            .replace("type: SingleThread", "type: PythonRayPool\n      startMethod: spawn");
    assertThatThrownBy(() -> reader.parse(startMethod, "x"))
        .hasMessage(
            "spec.strategies[0].startMethod: is only meaningful for PythonPool, not"
                + " PythonRayPool.");
    String vfork =
        manifest(GOOD_GRID, "")
            .replace("type: SingleThread", "type: PythonPool\n      startMethod: vfork");
    assertThatThrownBy(() -> reader.parse(vfork, "x"))
        .hasMessage(
            "spec.strategies[0].startMethod: 'vfork' is not allowed; allowed values are fork,"
                + " spawn, forkserver.");
    String badName = manifest(GOOD_GRID, "").replace("name: one", "name: One_1");
    assertThatThrownBy(() -> reader.parse(badName, "x"))
        .hasMessageStartingWith("spec.strategies[0].name: 'One_1' is not allowed;");
  }

  @Test
  void readsActorResourcesForRayActorsAndRejectsThemElsewhereOrOutOfRange() throws Exception {
    String placed =
        manifest(GOOD_GRID, "")
            .replace(
                "type: SingleThread",
                "type: RayPool\n      actorResources: {CPU: 1, second-node: 0.5, gpu/x: 4}");
    assertThat(reader.parse(placed, "x").spec().getStrategies().get(0).effectiveActorResources())
        .containsOnly(entry("CPU", 1.0), entry("second-node", 0.5), entry("gpu/x", 4.0));

    String tasks =
        manifest(GOOD_GRID, "")
            .replace("type: SingleThread", "type: RayTasks\n      actorResources: {CPU: 1}");
    assertThatThrownBy(() -> reader.parse(tasks, "x"))
        .hasMessage(
            "spec.strategies[0].actorResources: is only meaningful for RayPool and RayActors, not"
                + " RayTasks.");
    String fraction =
        manifest(GOOD_GRID, "")
            .replace("type: SingleThread", "type: RayActors\n      actorResources: {CPU: 1.5}");
    assertThatThrownBy(() -> reader.parse(fraction, "x"))
        .hasMessage(
            "spec.strategies[0].actorResources.CPU: 1.5 is not allowed; give a number in (0, 1]"
                + " or a whole number up to 1000.");
    for (String bad : List.of("0", "-1", "1001")) {
      String text =
          manifest(GOOD_GRID, "")
              .replace(
                  "type: SingleThread",
                  "type: RayActors\n      actorResources: {CPU: " + bad + "}");
      assertThatThrownBy(() -> reader.parse(text, "x"))
          .as(bad)
          .hasMessageStartingWith("spec.strategies[0].actorResources.CPU: ")
          .hasMessageEndingWith(
              " is not allowed; give a number in (0, 1] or a whole number up to 1000.");
    }
    String name =
        manifest(GOOD_GRID, "")
            .replace("type: SingleThread", "type: RayPool\n      actorResources: {'1 cpu': 1}");
    assertThatThrownBy(() -> reader.parse(name, "x"))
        .hasMessageStartingWith(
            "spec.strategies[0].actorResources: resource name '1 cpu' is not allowed;");
  }

  @Test
  void countsFurtherProblemsOnTheSameLine() {
    String text = manifest(GOOD_GRID, "  repetitions: 0\n  warmup: -2\n");
    assertThatThrownBy(() -> reader.parse(text, "x"))
        .hasMessage(
            "spec.repetitions: 0 is out of range; allowed values are 1 to 10000. (1 more problem(s)"
                + " after this one)");
  }

  @Test
  void rejectsOtherKindsAndBrokenYaml() {
    assertThatThrownBy(() -> reader.parse(HEADER.replace("BenchmarkSweep", "Deployment"), "x"))
        .hasMessage("kind: 'Deployment'; expected 'BenchmarkSweep'.");
    assertThatThrownBy(() -> reader.parse("apiVersion: [unclosed", "x"))
        .hasMessageStartingWith("manifest: not valid YAML (");
    assertThatThrownBy(() -> reader.parse(HEADER, "x"))
        .hasMessage("spec: is missing; a sweep needs spec.grid and spec.strategies.");
  }

  @Test
  void reportsAMissingFile() {
    Path missing = Path.of("does-not-exist.yaml");
    assertThatThrownBy(() -> reader.read(missing)).hasMessage("does-not-exist.yaml: no such file.");
  }
}
