package io.gridbench.runner.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.Order;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepRunnerTest {

  private final Map<String, ScriptedStrategy> strategies = new HashMap<>();
  private final List<String> events = new ArrayList<>();

  private SweepRunner runner() {
    return new SweepRunner(
        (spec, workers) -> strategies.computeIfAbsent(spec.getName(), n -> new ScriptedStrategy()),
        new ProgressListener() {
          @Override
          public void cellMeasured(StrategySpec s, CellResult cell, int done, int total) {
            events.add(s.getName() + "@" + cell.key() + " " + done + "/" + total);
          }
        });
  }

  private static BenchmarkSweepSpec spec(Order order, String... names) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0, 10), Axis.of(0, 8, 16)));
    spec.setTasksPerCell(3);
    spec.setRepetitions(new IntOrString(4));
    spec.setWarmup(2);
    spec.setOrder(order);
    spec.setSeed(7L);
    for (String n : names) {
      spec.getStrategies().add(new StrategySpec(n, StrategyType.SingleThread));
    }
    return spec;
  }

  @Test
  void measuresEveryCellWithWarmupDiscarded() {
    BenchmarkSweepSpec spec = spec(Order.SEQUENTIAL, "a", "b");
    SweepResults results = runner().run("t", spec, spec.getStrategies());

    assertThat(results.strategies())
        .extracting(StrategyResult::outcome)
        .containsOnly(StrategyResult.Outcome.Succeeded);
    StrategyResult a = results.strategies().get(0);
    assertThat(a.cells()).hasSize(6);
    assertThat(a.cells()).allSatisfy(c -> assertThat(c.samplesSeconds()).hasSize(4));
    assertThat(strategies.get("a").visited).hasSize(6 * (2 + 4));
    assertThat(strategies.get("a").opened).isTrue();
    assertThat(strategies.get("a").closed).isTrue();
    // Both strategies agree on every checksum.
    assertThat(results.strategies().get(1).cells())
        .extracting(CellResult::checksum)
        .isEqualTo(a.cells().stream().map(CellResult::checksum).toList());
    assertThat(events).hasSize(12).last().asString().endsWith("12/12");
  }

  @Test
  void sequentialRunsStrategyAfterStrategyInLayoutOrder() {
    BenchmarkSweepSpec spec = spec(Order.SEQUENTIAL, "a", "b");
    runner().run("t", spec, spec.getStrategies());
    assertThat(events.get(0)).startsWith("a@compute=0, payloadBytes=0");
    assertThat(events.get(1)).startsWith("a@compute=0, payloadBytes=8");
    assertThat(events.get(6)).startsWith("b@compute=0, payloadBytes=0");
  }

  @Test
  void interleavedGivesEveryStrategyTheCellInTurn() {
    BenchmarkSweepSpec spec = spec(Order.INTERLEAVED, "a", "b");
    runner().run("t", spec, spec.getStrategies());
    assertThat(events.subList(0, 4))
        .extracting(e -> e.substring(0, e.lastIndexOf(' ')))
        .containsExactly(
            "a@compute=0, payloadBytes=0, tasks=3",
            "b@compute=0, payloadBytes=0, tasks=3",
            "a@compute=0, payloadBytes=8, tasks=3",
            "b@compute=0, payloadBytes=8, tasks=3");
  }

  @Test
  void shuffledIsASeededPermutationSharedByAllStrategies() {
    BenchmarkSweepSpec spec = spec(Order.SHUFFLED, "a", "b");
    List<CellKey> layout = CellOrder.layout(spec);
    List<CellKey> shuffled = CellOrder.visiting(spec);
    assertThat(shuffled).containsExactlyInAnyOrderElementsOf(layout).isNotEqualTo(layout);
    assertThat(CellOrder.visiting(spec)).as("same seed, same order").isEqualTo(shuffled);
    spec.setSeed(8L);
    assertThat(CellOrder.visiting(spec)).as("another seed, another order").isNotEqualTo(shuffled);
    spec.setSeed(7L);

    SweepResults results = runner().run("t", spec, spec.getStrategies());
    List<CellKey> visitedByA = distinct(strategies.get("a").visited);
    assertThat(visitedByA).isEqualTo(shuffled);
    assertThat(distinct(strategies.get("b").visited)).isEqualTo(shuffled);
    // Results are reported in layout order whatever the visiting order.
    assertThat(results.strategies().get(0).cells()).extracting(CellResult::key).isEqualTo(layout);
  }

  @Test
  void aFailingStrategyKeepsItsCellsAndTheOthersGoOn() {
    BenchmarkSweepSpec spec = spec(Order.SEQUENTIAL, "a", "b");
    ScriptedStrategy failing = new ScriptedStrategy();
    failing.failOnCall = 2 * 6 + 3; // during the third cell
    strategies.put("a", failing);

    SweepResults results = runner().run("t", spec, spec.getStrategies());
    StrategyResult a = results.strategies().get(0);
    assertThat(a.outcome()).isEqualTo(StrategyResult.Outcome.Failed);
    assertThat(a.error()).contains("scripted failure during cell compute=0, payloadBytes=16");
    assertThat(a.cells()).hasSize(2);
    assertThat(failing.closed).isTrue();
    assertThat(results.strategies().get(1).outcome()).isEqualTo(StrategyResult.Outcome.Succeeded);
    assertThat(results.strategies().get(1).cells()).hasSize(6);
  }

  @Test
  void aChecksumMismatchFailsTheStrategyLoudly() {
    BenchmarkSweepSpec spec = spec(Order.SEQUENTIAL, "good", "lossy");
    ScriptedStrategy lossy = new ScriptedStrategy();
    lossy.corruptXor = 1;
    strategies.put("lossy", lossy);

    SweepResults results = runner().run("t", spec, spec.getStrategies());
    StrategyResult bad = results.strategies().get(1);
    assertThat(bad.outcome()).isEqualTo(StrategyResult.Outcome.Failed);
    assertThat(bad.error())
        .contains("checksum mismatch in cell compute=0, payloadBytes=0")
        .contains("'lossy'")
        .contains("the kernel's reference");
    assertThat(bad.cells()).isEmpty();
  }

  @Test
  void aLoneOrFirstStrategyIsHeldToTheKernelsReferenceToo() {
    BenchmarkSweepSpec spec = spec(Order.SEQUENTIAL, "lossy", "good");
    ScriptedStrategy lossy = new ScriptedStrategy();
    lossy.corruptXor = 1;
    strategies.put("lossy", lossy);

    SweepResults results = runner().run("t", spec, spec.getStrategies());
    assertThat(results.strategies().get(0).outcome()).isEqualTo(StrategyResult.Outcome.Failed);
    assertThat(results.strategies().get(1).outcome())
        .as("the correct strategy is not blamed for coming second")
        .isEqualTo(StrategyResult.Outcome.Succeeded);
  }

  @Test
  void anUnexpectedRuntimeFailureFailsOnlyThatStrategy() {
    BenchmarkSweepSpec spec = spec(Order.SEQUENTIAL, "broken", "fine");
    ScriptedStrategy broken = new ScriptedStrategy();
    broken.throwOnCall = 3;
    strategies.put("broken", broken);

    SweepResults results = runner().run("t", spec, spec.getStrategies());
    StrategyResult failed = results.strategies().get(0);
    assertThat(failed.outcome()).isEqualTo(StrategyResult.Outcome.Failed);
    assertThat(failed.error())
        .isEqualTo(
            "unexpected failure in cell compute=0, payloadBytes=0, tasks=3: IllegalStateException:"
                + " scripted bug");
    assertThat(broken.closed).isTrue();
    assertThat(results.strategies().get(1).cells()).hasSize(6);
  }

  @Test
  void resumeSkipsRecordedCellsAndKeepsThem() {
    BenchmarkSweepSpec spec = spec(Order.SEQUENTIAL, "a");
    SweepResults first = runner().run("t", spec, spec.getStrategies());
    List<CellResult> recorded = first.strategies().get(0).cells().subList(0, 4);
    strategies.clear();
    events.clear();

    SweepResults resumed = runner().run("t", spec, spec.getStrategies(), Map.of("a", recorded));
    assertThat(distinct(strategies.get("a").visited))
        .containsExactly(new CellKey(10, 8, 0, 3), new CellKey(10, 16, 0, 3));
    assertThat(resumed.strategies().get(0).cells())
        .hasSize(6)
        .startsWith(recorded.toArray(new CellResult[0]));
    assertThat(events).hasSize(2).last().asString().endsWith("6/6");
  }

  private static List<CellKey> distinct(List<CellKey> keys) {
    return keys.stream().distinct().toList();
  }

  @Test
  void aWorkersAxisResizesPoolsBetweenCellsAndFlagsOversubscription() {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    Grid grid = new Grid(Axis.of(10), Axis.of(8));
    grid.setWorkers(Axis.of(1, 2, 4));
    grid.setTasksPerCell(Axis.of(3, 6));
    spec.setGrid(grid);
    spec.setRepetitions(new IntOrString(2));
    spec.setWarmup(1);
    spec.getStrategies().add(new StrategySpec("pool", StrategyType.ThreadPool));
    spec.getStrategies().add(new StrategySpec("single", StrategyType.SingleThread));
    List<String> created = new ArrayList<>();
    List<ScriptedStrategy> pools = new ArrayList<>();
    SweepRunner runner =
        new SweepRunner(
            (s, workers) -> {
              created.add(s.getName() + ":" + workers);
              ScriptedStrategy strategy = new ScriptedStrategy();
              strategy.cpus = 2;
              strategy.sizedByWorkers = s.getType() != StrategyType.SingleThread;
              pools.add(strategy);
              return strategy;
            },
            new ProgressListener() {});

    SweepResults results = runner.run("t", spec, spec.getStrategies());

    // Rows of workers ascending: the pool is re-sized twice; the single thread never.
    assertThat(created).containsExactly("pool:1", "pool:2", "pool:4", "single:1");
    assertThat(pools.subList(0, 3)).allSatisfy(p -> assertThat(p.closed).isTrue());
    StrategyResult pool = results.strategies().get(0);
    assertThat(pool.outcome()).isEqualTo(StrategyResult.Outcome.Succeeded);
    assertThat(pool.workers()).isEqualTo(4);
    assertThat(pool.cells())
        .extracting(CellResult::key)
        .containsExactly(
            new CellKey(10, 8, 1, 3),
            new CellKey(10, 8, 1, 6),
            new CellKey(10, 8, 2, 3),
            new CellKey(10, 8, 2, 6),
            new CellKey(10, 8, 4, 3),
            new CellKey(10, 8, 4, 6));
    assertThat(pool.cells())
        .extracting(CellResult::oversubscribed)
        .containsExactly(null, null, null, null, true, true);
    // The checksum depends on the work, not on the pool size.
    assertThat(pool.cells().get(0).checksum()).isEqualTo(pool.cells().get(4).checksum());
    assertThat(pool.cells().get(1).checksum()).isEqualTo(pool.cells().get(5).checksum());
    assertThat(pool.cells().get(0).checksum()).isNotEqualTo(pool.cells().get(1).checksum());
    StrategyResult single = results.strategies().get(1);
    assertThat(single.cells()).extracting(CellResult::oversubscribed).containsOnlyNulls();
    assertThat(single.cells()).extracting(CellResult::workers).containsExactly(1, 1, 2, 2, 4, 4);
  }

  @Test
  void aFixedPoolAboveTheCpusIsFlaggedWithoutAWorkersAxis() {
    BenchmarkSweepSpec spec = spec(Order.SEQUENTIAL, "a");
    spec.getStrategies().get(0).setType(StrategyType.ThreadPool);
    spec.setWorkers(3);
    SweepResults results =
        new SweepRunner(
                (s, workers) -> {
                  ScriptedStrategy strategy = new ScriptedStrategy();
                  strategy.cpus = 2;
                  return strategy;
                },
                new ProgressListener() {})
            .run("t", spec, spec.getStrategies());
    assertThat(results.strategies().get(0).cells())
        .allSatisfy(
            c -> {
              assertThat(c.oversubscribed()).isTrue();
              assertThat(c.workers()).isNull();
              assertThat(c.key().workers()).isEqualTo(CellKey.STRATEGY_WORKERS);
            });
  }
}
