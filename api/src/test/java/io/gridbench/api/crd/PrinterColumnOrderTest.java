package io.gridbench.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.api.v1alpha1.BenchmarkSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterColumnOrderTest {

  private static final Path COMMITTED = Path.of("..", "crds", CommittedCrdTest.FILE);

  @Test
  void theColumnsAreInTheOrderBenchmarkSweepDeclaresThem() throws Exception {
    assertThat(PrinterColumnOrder.declared(BenchmarkSweep.class))
        .containsExactly("Phase", "Progress", "Fastest", "Duration", "Age");
    String crd = Files.readString(COMMITTED);
    assertThat(crd)
        .containsSubsequence(
            "name: \"Phase\"",
            "name: \"Progress\"",
            "name: \"Fastest\"",
            "name: \"Duration\"",
            "name: \"Age\"");
  }

  @Test
  void reorderingChangesOnlyTheColumnOrderAndIsStable() throws Exception {
    String crd = Files.readString(COMMITTED);
    // Written back as the generator writes: the same text when already in order.
    assertThat(PrinterColumnOrder.reorder(crd, PrinterColumnOrder.declared(BenchmarkSweep.class)))
        .isEqualTo(crd);
    String reversed =
        PrinterColumnOrder.reorder(crd, List.of("Age", "Duration", "Fastest", "Progress", "Phase"));
    assertThat(reversed)
        .containsSubsequence("name: \"Age\"", "name: \"Duration\"", "name: \"Phase\"")
        .hasSameSizeAs(crd);
  }

  @Test
  void aColumnMissingFromTheDeclaredOrderFailsTheBuild() throws Exception {
    String crd = Files.readString(COMMITTED);
    assertThatThrownBy(() -> PrinterColumnOrder.reorder(crd, List.of("Phase")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"Progress\" is not in the declared order [Phase]");
  }
}
