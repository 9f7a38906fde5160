package io.gridbench.runner.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.AutoRepetitionsSpec;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.DriftCanarySpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drift canary and adaptive repetitions, on a scripted clock so that they are exact. */
class DriftAndRepetitionsTest {

  @TempDir Path noSysfs;

  private final FakeTicker ticker = new FakeTicker();
  private final ScriptedStrategy measured = new ScriptedStrategy();
  private final ScriptedStrategy canary = new ScriptedStrategy();

  {
    measured.ticker = ticker;
    canary.ticker = ticker;
  }

  private SweepResults run(BenchmarkSweepSpec spec) {
    return new SweepRunner(
            (s, w) -> measured,
            ProgressListener.NONE,
            new MachineStateSampler(noSysfs),
            ticker,
            canary)
        .run("t", spec, spec.getStrategies());
  }

  private static BenchmarkSweepSpec spec() {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0, 100, 200, 300), Axis.of(0, 64, 128, 256, 512)));
    spec.setTasksPerCell(2);
    spec.setWarmup(0);
    spec.setRepetitions(new IntOrString(3));
    DriftCanarySpec canary = new DriftCanarySpec();
    canary.setEveryCells(5);
    spec.setDriftCanary(canary);
    spec.getStrategies().add(new StrategySpec("one", StrategyType.SingleThread));
    return spec;
  }

  @Test
  void steadyMachineIsNotFlagged() {
    canary.nanosForCall = call -> 2_000_000;
    DriftReport drift = run(spec()).drift();
    // 20 cells, canary at 0, 5, 10, 15 and 20.
    assertThat(drift.points())
        .extracting(DriftReport.Point::cellsDone)
        .containsExactly(0, 5, 10, 15, 20);
    assertThat(drift.maxRelativeDrift()).isZero();
    assertThat(drift.drifting()).isFalse();
    assertThat(drift.compute()).as("middle compute value").isEqualTo(200);
    assertThat(drift.payloadBytes()).as("smallest payload").isZero();
  }

  @Test
  void slowingMachineIsFlagged() {
    // Each canary call is 1% slower than the one before. The first point's median is call 12
    // (10 warm-up calls, then 11..13), the last one's call 28 (4 calls per later point).
    canary.nanosForCall = call -> (long) (2_000_000 * Math.pow(1.01, call));
    DriftReport drift = run(spec()).drift();
    assertThat(drift.maxRelativeDrift()).isCloseTo(Math.pow(1.01, 28 - 12) - 1, within(1e-3));
    assertThat(drift.drifting()).isTrue();
    assertThat(drift.points().get(4).medianSeconds())
        .isGreaterThan(drift.points().get(0).medianSeconds());
  }

  @Test
  void driftBelowTheConfiguredThresholdIsNotFlagged() {
    canary.nanosForCall = call -> (long) (2_000_000 * Math.pow(1.01, call));
    BenchmarkSweepSpec spec = spec();
    spec.getDriftCanary().setThreshold(0.5);
    assertThat(run(spec).drift().drifting()).isFalse();
  }

  @Test
  void canaryCanBeSwitchedOff() {
    BenchmarkSweepSpec spec = spec();
    spec.getDriftCanary().setEnabled(false);
    assertThat(run(spec).drift()).isNull();
    assertThat(canary.visited).isEmpty();
  }

  @Test
  void autoRepetitionsStopOnceTheIntervalIsNarrow() {
    BenchmarkSweepSpec spec = spec();
    spec.setRepetitions(new IntOrString("auto"));
    // Identical samples: the interval has zero width as soon as the minimum is reached.
    measured.nanosForCall = call -> 1_000_000;
    SweepResults results = run(spec);
    assertThat(results.strategies().get(0).cells())
        .allSatisfy(c -> assertThat(c.samplesSeconds()).hasSize(AutoRepetitionsSpec.DEFAULT_MIN));
  }

  @Test
  void autoRepetitionsStopAtTheCapWhenSamplesStayWild() {
    BenchmarkSweepSpec spec = spec();
    spec.setRepetitions(new IntOrString("auto"));
    AutoRepetitionsSpec auto = new AutoRepetitionsSpec();
    auto.setMax(12);
    spec.setAutoRepetitions(auto);
    // Alternating 1 ms and 3 ms: the median's interval stays wide whatever n is.
    measured.nanosForCall = call -> call % 2 == 0 ? 1_000_000 : 3_000_000;
    SweepResults results = run(spec);
    CellResult first = results.strategies().get(0).cells().get(0);
    assertThat(first.samplesSeconds()).hasSize(12);
    assertThat(first.stats().relativeCiWidth()).isGreaterThan(0.05);
  }

  @Test
  void absentMachineSourcesStayAbsent() {
    SweepResults results = run(spec());
    CellResult cell = results.strategies().get(0).cells().get(0);
    assertThat(cell.machine().cpuMhz()).isNull();
    assertThat(cell.machine().throttleEvents()).isNull();
    assertThat(cell.machine().temperaturesCelsius()).isNull();
  }
}
