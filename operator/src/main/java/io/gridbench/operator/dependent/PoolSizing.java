package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.Quantity;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalInt;

/**
 * How big the pods of a sweep must be for its largest pools: the CPU of a local strategy's Job and
 * the worker pods of the RayCluster. Only pool sizes the sweep states (a workers axis, {@code
 * spec.workers} or a strategy's own) count; without one a pool takes the CPUs its pod has.
 */
public final class PoolSizing {
  private PoolSizing() {}

  /** The largest pool {@code strategy} runs, if the sweep states its size. */
  public static OptionalInt largestStatedPool(BenchmarkSweepSpec spec, StrategySpec strategy) {
    if (!sizedByWorkers(strategy.getType())) {
      return OptionalInt.empty();
    }
    boolean stated =
        (spec.getGrid() != null && spec.getGrid().getWorkers() != null)
            || spec.getWorkers() != null
            || strategy.getWorkers() != null;
    return stated ? OptionalInt.of(spec.largestWorkersFor(strategy)) : OptionalInt.empty();
  }

  /**
   * The CPU of a local strategy's Job: {@code configured}, or on a workers axis the strategy's
   * largest pool where that is more (one CPU per worker; requests stay equal to limits). A sweep
   * without a workers axis keeps the configured CPU, as before the axis existed: its pool may
   * oversubscribe the pod, which the results flag.
   */
  public static Quantity jobCpu(BenchmarkSweepSpec spec, StrategySpec strategy, String configured) {
    boolean workersAxis = spec.getGrid() != null && spec.getGrid().getWorkers() != null;
    OptionalInt pool = workersAxis ? largestStatedPool(spec, strategy) : OptionalInt.empty();
    Quantity base = new Quantity(configured);
    if (pool.isEmpty()
        || Quantity.getAmountInBytes(base).compareTo(BigDecimal.valueOf(pool.getAsInt())) >= 0) {
      return base;
    }
    return new Quantity(Integer.toString(pool.getAsInt()));
  }

  /** The largest pool of the sweep's Ray strategies, if the sweep states one. */
  public static OptionalInt largestRayPool(BenchmarkSweepSpec spec) {
    OptionalInt largest = OptionalInt.empty();
    for (StrategySpec s : spec.getStrategies()) {
      if (s != null && s.getType() != null && s.getType().isRay()) {
        OptionalInt pool = largestStatedPool(spec, s);
        if (pool.isPresent() && (largest.isEmpty() || pool.getAsInt() > largest.getAsInt())) {
          largest = pool;
        }
      }
    }
    return largest;
  }

  /**
   * Ray worker pods besides the head: {@code spec.ray.workers} when given, else enough nodes of
   * {@code spec.ray.cpu} for the largest Ray pool with the head's CPUs counted, and at least the
   * default of one. A CPU that is not a quantity counts as the default (validation reports it).
   */
  public static int rayWorkerPods(BenchmarkSweepSpec spec) {
    RaySpec ray = spec.effectiveRay();
    if (ray.getWorkers() != null) {
      return ray.getWorkers();
    }
    OptionalInt pool = largestRayPool(spec);
    if (pool.isEmpty()) {
      return RaySpec.DEFAULT_WORKERS;
    }
    BigDecimal perNode = cpuPerNode(ray);
    int nodes =
        BigDecimal.valueOf(pool.getAsInt()).divide(perNode, 0, RoundingMode.CEILING).intValue();
    return Math.max(RaySpec.DEFAULT_WORKERS, nodes - 1);
  }

  private static BigDecimal cpuPerNode(RaySpec ray) {
    try {
      BigDecimal cpu = Quantity.getAmountInBytes(new Quantity(ray.effectiveCpu()));
      if (cpu.signum() > 0) {
        return cpu;
      }
    } catch (IllegalArgumentException e) {
      // Reported by validation; size as for the default meanwhile.
    }
    return BigDecimal.ONE;
  }

  /** Strategies whose pool size decides how many tasks run at once. */
  private static boolean sizedByWorkers(StrategyType type) {
    return type != null && type != StrategyType.SingleThread && type != StrategyType.RayTasks;
  }
}
