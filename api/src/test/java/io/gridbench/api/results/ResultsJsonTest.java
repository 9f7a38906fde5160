package io.gridbench.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {

  @TempDir Path dir;

  private static SweepResults sample() {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0, 10), Axis.geometric(1024, 2, 2)));
    spec.getStrategies().add(new StrategySpec("one", StrategyType.ProcessPool));
    CellResult cell = CellResult.of(10, 1024, 4, -1L, List.of(0.25, 0.5), Instant.EPOCH, null);
    StrategyResult strategy =
        new StrategyResult(
            "one",
            StrategyType.ProcessPool,
            ExecutionMode.RAY_LOCAL,
            2,
            true,
            StrategyResult.Outcome.Succeeded,
            null,
            Instant.EPOCH,
            Instant.EPOCH.plusSeconds(1),
            List.of(cell),
            Map.of("10.0.0.7:40123", 2),
            null);
    return new SweepResults(
        1,
        "demo",
        spec,
        MachineInfo.current(),
        Instant.EPOCH,
        Instant.EPOCH,
        List.of(strategy),
        null,
        null);
  }

  @Test
  void roundTripsThroughAFile() throws Exception {
    Path file = dir.resolve("nested/results.json");
    ResultsJson.write(sample(), file);
    SweepResults back = ResultsJson.read(file);
    assertThat(back.strategies().get(0).cells().get(0).checksum()).isEqualTo("ffffffffffffffff");
    assertThat(back.strategies().get(0).mode()).isEqualTo(ExecutionMode.RAY_LOCAL);
    assertThat(back.strategies().get(0).actorsPerNode())
        .containsExactly(entry("10.0.0.7:40123", 2));
    assertThat(back.spec()).isEqualTo(sample().spec());
    assertThat(Files.readString(file))
        .contains("\"mode\" : \"ray-local\"")
        .contains("1970-01-01T00:00:00Z");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).as("no temporary file left behind").containsExactly(file);
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
    Path file = dir.resolve("results.json");
    Files.writeString(file, "old");
    // A path below a regular file cannot be created: the write fails before any rename.
    Path unwritable = dir.resolve("results.json/child.json");
    assertThatThrownBy(() -> ResultsJson.write(sample(), unwritable))
        .isInstanceOf(java.io.IOException.class);
    assertThat(Files.readString(file)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void checksumsFormatAsSixteenHexDigits() {
    assertThat(Checksums.format(0x1fL)).isEqualTo("000000000000001f");
    assertThat(Checksums.parse("ffffffffffffffff")).isEqualTo(-1L);
  }
}
