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
import java.util.Map;
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
    // KubeRay starts a 500m node with --num-cpus 1: 8 nodes of one Ray CPU, not 16 of half.
    two.setCpu("500m");
    assertThat(PoolSizing.rayWorkerPods(spec)).isEqualTo(7);
    two.setCpu("1500m");
    assertThat(PoolSizing.rayWorkerPods(spec)).isEqualTo(3);
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

  @Test
  void rayCpusPerNodeAreTheCpuRoundedUpAsKubeRayStartsTheNodes() {
    RaySpec ray = new RaySpec();
    assertThat(PoolSizing.rayCpusPerNode(ray)).isEqualTo(1);
    ray.setCpu("500m");
    assertThat(PoolSizing.rayCpusPerNode(ray)).isEqualTo(1);
    ray.setCpu("2");
    assertThat(PoolSizing.rayCpusPerNode(ray)).isEqualTo(2);
    ray.setCpu("2100m");
    assertThat(PoolSizing.rayCpusPerNode(ray)).isEqualTo(3);
    ray.setCpu("lots");
    assertThat(PoolSizing.rayCpusPerNode(ray)).isEqualTo(1);
  }

  @Test
  void everyWorkerOfTheLargestPoolGetsAnActorPlacedAtItsActorCpu() {
    StrategySpec halves = new StrategySpec("h", StrategyType.RayActors);
    halves.setActorResources(Map.of("CPU", 0.5));
    StrategySpec pairs = new StrategySpec("p", StrategyType.RayPool);
    pairs.setActorResources(Map.of("CPU", 2.0));
    RaySpec two = new RaySpec();
    two.setCpu("2");

    BenchmarkSweepSpec spec = spec(Axis.of(1, 8), halves);
    spec.setRay(two);
    // 8 actors of half a CPU: 4 per 2-CPU node, so the head and one worker pod.
    assertThat(PoolSizing.rayWorkerPods(spec)).isEqualTo(1);
    spec = spec(Axis.of(1, 8), pairs);
    spec.setRay(two);
    // 8 actors of 2 CPUs: one per node, so the head and 7 worker pods.
    assertThat(PoolSizing.rayWorkerPods(spec)).isEqualTo(7);
    // The largest need among the strategies decides.
    spec = spec(Axis.of(1, 8), halves);
    spec.setStrategies(List.of(halves, pairs));
    spec.setRay(two);
    assertThat(PoolSizing.rayWorkerPods(spec)).isEqualTo(7);

    // Whatever the shape, the cluster's Ray CPUs hold the largest pool's actors.
    for (String cpu : List.of("500m", "1", "1500m", "2", "3")) {
      for (int pool : List.of(1, 2, 3, 5, 8)) {
        for (StrategySpec s : List.of(new StrategySpec("r", StrategyType.RayPool), halves)) {
          RaySpec ray = new RaySpec();
          ray.setCpu(cpu);
          ray.setMaxWorkers(64);
          BenchmarkSweepSpec sized = spec(Axis.of(1, pool), s);
          sized.setRay(ray);
          int nodes = PoolSizing.rayWorkerPods(sized) + 1;
          assertThat(nodes * PoolSizing.actorsPerNode(PoolSizing.rayCpusPerNode(ray), s))
              .as("cpu %s, pool %d, %s", cpu, pool, s.getActorResources())
              .isGreaterThanOrEqualTo(pool);
        }
      }
    }
  }

  @Test
  void anActorLargerThanANodeFitsNone() {
    StrategySpec big = new StrategySpec("b", StrategyType.RayPool);
    big.setActorResources(Map.of("CPU", 3.0));
    assertThat(PoolSizing.actorsPerNode(2, big)).isZero();
    assertThat(PoolSizing.actorsPerNode(2, new StrategySpec("r", StrategyType.RayPool)))
        .isEqualTo(2);
  }
}
