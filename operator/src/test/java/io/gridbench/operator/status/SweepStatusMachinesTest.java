package io.gridbench.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.operator.observe.SweepObservation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The status {@link SweepStatusBuilder} builds from where the workers ran (node and CPU per
 * strategy, the MixedMachines condition) and from another sweep's ConfigMaps of the same name
 * (leftovers, neither frozen plan nor results).
 */
class SweepStatusMachinesTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);
  private final SweepObservations observed = new SweepObservations();

  private static Condition condition(BenchmarkSweepStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private static MachineInfo machine(String node, String cpu) {
    return new MachineInfo(
        node, "pod", 2, 1L << 33, cpu, "Linux", "6.1", "amd64", "17", "vendor", "jvm", 1L << 30);
  }

  @Test
  void eachStrategyShowsTheNodeAndCpuItsWorkerRecorded() {
    observed.job("a", "Complete").cell("a", 0, 0, 1.0).job("b", null);
    observed.machines.put("a", machine("node-1", "Xeon 8375C"));

    BenchmarkSweepStatus status = observed.status(CLOCK);

    StrategyStatus a = status.getStrategies().get(0);
    assertThat(a.getNode()).isEqualTo("node-1");
    assertThat(a.getCpuModel()).isEqualTo("Xeon 8375C");
    assertThat(status.getStrategies().get(1).getNode()).as("b recorded nothing yet").isNull();
    Condition mixed = condition(status, Reasons.MIXED_MACHINES);
    assertThat(mixed.getStatus()).isEqualTo("False");
    assertThat(mixed.getReason()).isEqualTo(Reasons.SAME_MACHINE);
    assertThat(mixed.getMessage())
        .isEqualTo("Every strategy measured so far ran on node-1 (Xeon 8375C).");
  }

  @Test
  void strategiesOnDifferentNodesOrCpuModelsAreMixedMachines() {
    observed.job("a", "Complete").job("b", "Complete");
    observed.machines.put("a", machine("node-1", "Xeon 8375C"));
    observed.machines.put("b", machine("node-2", "Xeon 8375C"));

    Condition byNode = condition(observed.status(CLOCK), Reasons.MIXED_MACHINES);
    assertThat(byNode.getStatus()).isEqualTo("True");
    assertThat(byNode.getReason()).isEqualTo(Reasons.STRATEGIES_ON_DIFFERENT_MACHINES);
    assertThat(byNode.getMessage())
        .isEqualTo(
            "Strategies ran on different machines, so comparing them compares the machines too:"
                + " a on node-1 (Xeon 8375C), b on node-2 (Xeon 8375C). Pin the sweep's pods with"
                + " spec.placement (e.g. a nodeSelector on kubernetes.io/hostname or a CPU model"
                + " label).");

    observed.machines.put("b", machine("node-1", "EPYC 7R13"));
    Condition byCpu = condition(observed.status(CLOCK), Reasons.MIXED_MACHINES);
    assertThat(byCpu.getStatus()).isEqualTo("True");
    assertThat(byCpu.getMessage()).contains("a on node-1 (Xeon 8375C), b on node-1 (EPYC 7R13)");
  }

  @Test
  void theSameNodeAndCpuWithOtherPodLimitsIsTheSameMachine() {
    observed.job("a", "Complete").job("b", "Complete");
    observed.machines.put("a", machine("node-1", "Xeon"));
    observed.machines.put(
        "b",
        new MachineInfo(
            "node-1",
            "other-pod",
            4,
            1L << 33,
            "Xeon",
            "Linux",
            "6.1",
            "amd64",
            "17",
            "v",
            "jvm",
            1L << 31));

    assertThat(condition(observed.status(CLOCK), Reasons.MIXED_MACHINES).getStatus())
        .isEqualTo("False");
  }

  @Test
  void withoutRecordedMachinesThereIsNoMixedMachinesCondition() {
    observed.job("a", "Complete").cell("a", 0, 0, 1.0);

    assertThat(observed.status(CLOCK).getConditions())
        .noneMatch(c -> Reasons.MIXED_MACHINES.equals(c.getType()));
  }

  @Test
  void anotherSweepsPlanAndResultsOfTheSameNameAreLeftoversNotThisSweeps() {
    observed.job("a", null).cell("a", 0, 0, 1.0);
    observed.frozen =
        new io.gridbench.api.plan.SweepPlan(
            io.gridbench.api.plan.SweepPlan.SCHEMA_VERSION,
            "s",
            "ns",
            "earlier-uid",
            1,
            observed.sweep.getSpec());
    observed.resultsUid = "earlier-uid";

    SweepObservation seen = observed.build();

    assertThat(seen.frozen()).as("the earlier sweep's plan is not this sweep's").isFalse();
    assertThat(seen.results().measured("a")).as("nor are its cells").isZero();
    assertThat(seen.shards().byStrategy()).isEmpty();
    assertThat(seen.leftovers())
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactlyInAnyOrder("s.plan", "s-a");
  }
}
