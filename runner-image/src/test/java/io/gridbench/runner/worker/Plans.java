package io.gridbench.runner.worker;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.util.List;

/** Small plans for worker tests: a 2 x 2 grid, few tasks, two repetitions. */
public final class Plans {
  private Plans() {}

  public static SweepPlan twoByTwo(String sweep, StrategySpec... strategies) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0, 1000), Axis.of(0, 256)));
    spec.setTasksPerCell(4);
    spec.setWorkers(1);
    spec.setRepetitions(new IntOrString(2));
    spec.setWarmup(0);
    spec.setStrategies(
        strategies.length == 0
            ? List.of(new StrategySpec("single", StrategyType.SingleThread))
            : List.of(strategies));
    return new SweepPlan(SweepPlan.SCHEMA_VERSION, sweep, "test", "uid-" + sweep, 1, spec);
  }
}
