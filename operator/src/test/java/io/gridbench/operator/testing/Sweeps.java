package io.gridbench.operator.testing;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.util.ArrayList;
import java.util.List;

/** Small sweeps for tests: a 2 x 2 grid of cheap cells, two repetitions, no warm-up. */
public final class Sweeps {
  private Sweeps() {}

  public static BenchmarkSweep sweep(String name, String namespace, StrategySpec... strategies) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0, 1000), Axis.of(0, 256)));
    spec.setTasksPerCell(4);
    spec.setWorkers(2);
    spec.setRepetitions(new IntOrString(2));
    spec.setWarmup(0);
    spec.setStrategies(new ArrayList<>(List.of(strategies)));
    BenchmarkSweep sweep = new BenchmarkSweep();
    sweep.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    sweep.setSpec(spec);
    return sweep;
  }

  public static StrategySpec single(String name) {
    return new StrategySpec(name, StrategyType.SingleThread);
  }

  public static StrategySpec threads(String name) {
    return new StrategySpec(name, StrategyType.ThreadPool);
  }
}
