package io.gridbench.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftStatusTest {

  private static DriftReport report(double... medians) {
    List<DriftReport.Point> points = new ArrayList<>();
    for (int i = 0; i < medians.length; i++) {
      points.add(new DriftReport.Point(10 * i, Instant.EPOCH, medians[i]));
    }
    return DriftReport.of(100, 0, 10, 0.05, points);
  }

  private static BenchmarkSweepStatus status(String... strategies) {
    BenchmarkSweepStatus status = new BenchmarkSweepStatus();
    status.setObservedGeneration(3L);
    List<StrategyStatus> list = new ArrayList<>();
    for (String name : strategies) {
      StrategyStatus s = new StrategyStatus();
      s.setName(name);
      list.add(s);
    }
    status.setStrategies(list);
    return status;
  }

  private static Condition drifting(BenchmarkSweepStatus status) {
    return status.getConditions().stream()
        .filter(c -> Reasons.DRIFTING.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private static DriftStatus at(String instant) {
    return new DriftStatus(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  @Test
  void aSteadyCanaryGivesFiguresAndAFalseCondition() {
    BenchmarkSweepStatus s =
        at("2026-01-01T00:00:00Z")
            .apply(status("a", "b"), Map.of("a", report(0.010, 0.0102)), List.of());
    assertThat(s.getStrategies().get(0).getCanaryDriftPercent()).isEqualTo(2.0);
    assertThat(s.getStrategies().get(1).getCanaryDriftPercent())
        .as("no report, no figure")
        .isNull();
    Condition c = drifting(s);
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getReason()).isEqualTo(Reasons.CANARY_STEADY);
    assertThat(c.getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void aDriftingCanaryNamesTheStrategyAndKeepsItsTransitionTime() {
    Map<String, DriftReport> reports =
        Map.of("a", report(0.010, 0.0102), "b", report(0.010, 0.013));
    BenchmarkSweepStatus first =
        at("2026-01-01T00:00:00Z").apply(status("a", "b"), reports, List.of());
    Condition c = drifting(first);
    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getReason()).isEqualTo(Reasons.CANARY_DRIFTED);
    assertThat(c.getMessage()).contains("b moved 30.0% (threshold 5%)").doesNotContain("a moved");

    BenchmarkSweepStatus again =
        at("2026-01-01T00:05:00Z").apply(status("a", "b"), reports, first.getConditions());
    assertThat(drifting(again).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(again).as("recomputing an unchanged status writes nothing").isEqualTo(first);
  }

  @Test
  void noReportsLeaveTheStatusAlone() {
    BenchmarkSweepStatus s = at("2026-01-01T00:00:00Z").apply(status("a"), Map.of(), List.of());
    assertThat(s.getConditions()).noneMatch(c -> Reasons.DRIFTING.equals(c.getType()));
    assertThat(s.getStrategies().get(0).getCanaryDriftPercent()).isNull();
  }
}
