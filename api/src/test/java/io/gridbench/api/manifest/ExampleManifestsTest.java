package io.gridbench.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.GridAxis;
import io.gridbench.api.results.GridLayout;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests under {@code examples/} written before the workers and tasks axes existed keep
 * their layout (rows of compute, columns of payload), their cells and the shape of their results.
 */
class ExampleManifestsTest {

  static Stream<Path> examplesWithoutNewAxes() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
      List<Path> list = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String text = Files.readString(p);
        if (!text.contains("\n    workers:") && !text.contains("\n    tasksPerCell:")) {
          list.add(p);
        }
      }
      assertThat(list)
          .as("examples without grid.workers / grid.tasksPerCell")
          .hasSizeGreaterThan(3);
      return list.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examplesWithoutNewAxes")
  void layoutIsComputeByPayloadWithTheSweepsTaskCount(Path example) throws Exception {
    BenchmarkSweepSpec spec = new ManifestReader().read(example).spec();
    GridLayout layout = GridLayout.of(spec);
    assertThat(layout.rowAxis()).isEqualTo(GridAxis.COMPUTE);
    assertThat(layout.columnAxis()).isEqualTo(GridAxis.PAYLOAD_BYTES);
    assertThat(layout.hasWorkersAxis()).isFalse();
    List<CellKey> before = new ArrayList<>();
    for (long c : spec.getGrid().getCompute().expand()) {
      for (long p : spec.getGrid().getPayloadBytes().expand()) {
        before.add(new CellKey(c, p, CellKey.STRATEGY_WORKERS, spec.effectiveTasksPerCell()));
      }
    }
    assertThat(layout.cells()).isEqualTo(before);
    assertThat(layout.fixedDescription()).isEqualTo("tasks " + spec.effectiveTasksPerCell());
  }

  @ParameterizedTest
  @MethodSource("examplesWithoutNewAxes")
  void specAndCellsSerializeAsBefore(Path example) throws Exception {
    BenchmarkSweepSpec spec = new ManifestReader().read(example).spec();
    ObjectMapper json = ResultsJson.mapper();
    JsonNode written = json.valueToTree(spec);
    JsonNode manifest = new ObjectMapper(new YAMLFactory()).readTree(example.toFile()).get("spec");
    // Plain-list axes are written in the object form; everything else round-trips unchanged.
    for (String axis : List.of("compute", "payloadBytes")) {
      JsonNode given = manifest.get("grid").get(axis);
      if (given.isArray()) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("grid"))
            .set(axis, json.valueToTree(Axis.ofList(json.convertValue(given, List.class))));
      }
    }
    // Numbers compare by value: YAML reads 2 where the model holds 2.0.
    assertThat(
            written.equals(
                (a, b) ->
                    a.equals(b) || (a.isNumber() && b.isNumber() && a.asDouble() == b.asDouble())
                        ? 0
                        : 1,
                manifest))
        .as("%s written back is %s", manifest, written)
        .isTrue();
    CellResult cell =
        CellResult.of(0, 0, spec.effectiveTasksPerCell(), 1L, List.of(0.5), Instant.EPOCH, null);
    List<String> fields = new ArrayList<>();
    json.valueToTree(cell).fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "compute",
            "payloadBytes",
            "tasks",
            "checksum",
            "samplesSeconds",
            "stats",
            "measuredAt");
  }
}
