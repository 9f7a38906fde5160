package io.gridbench.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressDisplayTest {

  private static final String LONG_WHERE =
      "process-pool-rebuilt-with-a-long-name compute=10000000000 payload=256MiB";

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {10, 20, 40, 60, 80, 100, 200})
  void theBarLineNeverReachesTheLastColumn(int columns) {
    for (int done : new int[] {0, 1, 512, 9_999, 10_000}) {
      String line = ProgressDisplay.barLine(done, 10_000, 3 * 3600 + 7, LONG_WHERE, columns);
      assertThat(line.length()).as(line).isLessThan(columns);
    }
  }

  @Test
  void anEightyColumnLineKeepsTheBarCountsAndEtaAndShortensThePlace() {
    String line = ProgressDisplay.barLine(512, 10_000, 3 * 3600 + 7, LONG_WHERE, 80);
    assertThat(line).startsWith("[").contains("] 512/10000 cells   5% ETA 3:00:07  process-pool");
    assertThat(line).endsWith("...");
    assertThat(line.length()).isLessThanOrEqualTo(79);
    // The bar keeps its width whatever the place's length, so it does not jump between cells.
    assertThat(ProgressDisplay.barLine(512, 10_000, 7, "t compute=0 payload=0B", 80))
        .startsWith("[" + ".".repeat(10) + "] ");
    assertThat(line).startsWith("[" + ".".repeat(10) + "] ");
    String wide = ProgressDisplay.barLine(512, 10_000, 7, LONG_WHERE, 200);
    assertThat(wide).endsWith(LONG_WHERE).contains("[#" + ".".repeat(29) + "]");
    // Too narrow for a bar: the counts and ETA stay.
    assertThat(ProgressDisplay.barLine(5, 10, 7, LONG_WHERE, 30))
        .isEqualTo("5/10 cells  50% ETA 0:07");
  }

  @Test
  void widthComesFromColumnsOrDefaultsToEighty() {
    assertThat(StderrTerminal.width("132")).isEqualTo(132);
    assertThat(StderrTerminal.width(" 100\n")).isEqualTo(100);
    assertThat(StderrTerminal.width(null)).isEqualTo(80);
    assertThat(StderrTerminal.width("wide")).isEqualTo(80);
    assertThat(StderrTerminal.width("0")).isEqualTo(80);
  }

  @Test
  void theEtaWeighsTheCellsLeftByTheirMeasuredCost() {
    // Rows compute 0 and 1000 cost 1 s and 2 s per cell; the row at 100000 will cost 101 s.
    // Counting cells would say 2 cells x 1.5 s = 0:03 after four cells.
    long[] clock = {0};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressDisplay display =
        new ProgressDisplay(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 80, () -> clock[0]);
    StrategySpec single = new StrategySpec("single", StrategyType.SingleThread);
    List<CellKey> cells = new ArrayList<>();
    for (long c : new long[] {0, 1000, 100_000}) {
      for (long p : new long[] {0, 1024}) {
        cells.add(new CellKey(c, p, 0, 64));
      }
    }
    display.runStarted(cells.size(), Map.of("single", cells));
    for (int i = 0; i < 4; i++) {
      CellKey k = cells.get(i);
      clock[0] += (long) ((1 + k.compute() / 1000.0) * 1e9);
      display.cellMeasured(single, cell(k), i + 1, cells.size());
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .startsWith("gridbench: 4/6 cells, ETA 3:22 (single compute=1000");
  }

  private static CellResult cell(CellKey k) {
    return CellResult.of(
        k.compute(), k.payloadBytes(), k.tasks(), 0, List.of(1.0), Instant.EPOCH, null);
  }
}
