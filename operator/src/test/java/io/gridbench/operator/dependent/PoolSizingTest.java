package io.gridbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolSizingTest {

  private static BenchmarkSweepSpec spec(Axis workers, StrategySpec... strategies) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    Grid grid = new Grid(Axis.of(0), Axis.of(0));
    grid.setWorkers(workers);
    spec.setGrid(grid);
    spec.setStrategies(new ArrayList<>(List.of(strategies)));
    return spec;
  }

  @Test
  void aLocalJobGetsACpuPerWorkerOfItsLargestPool() {
    StrategySpec pool = new StrategySpec("p", StrategyType.ProcessPool);
    StrategySpec single = new StrategySpec("s", StrategyType.SingleThread);
    BenchmarkSweepSpec axis = spec(Axis.of(1, 2, 4, 8), pool, single);
    assertThat(PoolSizing.jobCpu(axis, pool, "2")).isEqualTo(new Quantity("8"));
    assertThat(PoolSizing.jobCpu(axis, single, "2")).isEqualTo(new Quantity("2"));
    // A configured CPU above the pool stays; a pool size nobody stated takes the configured CPU.
    assertThat(PoolSizing.jobCpu(spec(Axis.of(1, 2), pool), pool, "4"))
        .isEqualTo(new Quantity("4"));
    assertThat(PoolSizing.jobCpu(spec(null, pool), pool, "2")).isEqualTo(new Quantity("2"));
    // Without a workers axis the configured CPU stays, as it did before the axis existed (a
    // manifest that ran on a node keeps running there).
    BenchmarkSweepSpec fixed = spec(null, pool);
    fixed.setWorkers(3);
    assertThat(PoolSizing.jobCpu(fixed, pool, "1")).isEqualTo(new Quantity("1"));
  }

  @Test
  void rayWorkerPodsCoverTheLargestRayPoolWithTheHeadCounted() {
    StrategySpec rayPool = new StrategySpec("r", StrategyType.RayPool);
    BenchmarkSweepSpec spec = spec(Axis.of(1, 2, 4, 8), rayPool);
    // 8 workers at 1 CPU per node: the head and 7 worker pods.
    assertThat(PoolSizing.rayWorkerPods(spec)).isEqualTo(7);
    RaySpec two = new RaySpec();
    two.setCpu("2");
    spec.setRay(two);
    assertThat(PoolSizing.rayWorkerPods(spec)).isEqualTo(3);
    two.setCpu("500m");
    assertThat(PoolSizing.rayWorkerPods(spec)).isEqualTo(15);
    // Given pods win; without a stated pool (or only Ray tasks) the default of one stays.
    two.setWorkers(2);
    assertThat(PoolSizing.rayWorkerPods(spec)).isEqualTo(2);
    assertThat(PoolSizing.rayWorkerPods(spec(null, rayPool))).isEqualTo(1);
    assertThat(
            PoolSizing.rayWorkerPods(
                spec(Axis.of(1, 16), new StrategySpec("t", StrategyType.RayTasks))))
        .isEqualTo(1);
    assertThat(PoolSizing.rayWorkerPods(spec(Axis.of(1, 2), rayPool))).isEqualTo(1);
  }
}
