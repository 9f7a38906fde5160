package io.gridbench.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlanTest {

  @Test
  void aPlanCarriesTheSweepIdentityAndSpecThroughJson() throws PlanException {
    BenchmarkSweep sweep = new BenchmarkSweep();
    sweep.setMetadata(
        new ObjectMetaBuilder()
            .withName("s")
            .withNamespace("ns")
            .withUid("u-1")
            .withGeneration(3L)
            .build());
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.geometric(1, 10, 3), Axis.of(0, 1024)));
    spec.setStrategies(List.of(new StrategySpec("one", StrategyType.SingleThread)));
    sweep.setSpec(spec);

    SweepPlan plan = SweepPlan.fromJson(SweepPlan.of(sweep).toJson());

    assertThat(plan.sweep()).isEqualTo("s");
    assertThat(plan.namespace()).isEqualTo("ns");
    assertThat(plan.sweepUid()).isEqualTo("u-1");
    assertThat(plan.generation()).isEqualTo(3L);
    assertThat(plan.spec()).isEqualTo(spec);
    assertThat(plan.strategy("one")).isPresent();
    assertThat(SweepPlan.of(sweep).toJson()).doesNotContain("geometric");
  }

  @Test
  void aPlanOfAnotherSchemaVersionIsRefused() {
    assertThatThrownBy(
            () -> SweepPlan.fromJson("{\"schemaVersion\":9,\"sweep\":\"s\",\"spec\":{}}"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("schema version 9");
  }

  @Test
  void brokenJsonIsRefusedWithAMessage() {
    assertThatThrownBy(() -> SweepPlan.fromJson("not json"))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("the plan is not valid JSON");
  }
}
