package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.Quantity;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * How big the pods of a sweep must be for its largest pools: the CPU of a local strategy's Job and
 * the worker pods of the RayCluster (the Ray strategies' submit Jobs only follow their driver,
 * which runs on the head: they keep a small fixed size, {@link RaySubmitJob}). Only pool sizes the
 * sweep states (a workers axis, {@code spec.workers} or a strategy's own) count; without one a pool
 * takes the CPUs its pod has.
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
    return rayStrategies(spec)
        .map(s -> largestStatedPool(spec, s))
        .filter(OptionalInt::isPresent)
        .mapToInt(OptionalInt::getAsInt)
        .max();
  }

  /**
   * Ray worker pods besides the head: {@code spec.ray.workers} when given, else enough nodes for
   * the largest pool of every Ray strategy to place one actor per worker with the head counted, and
   * at least the default of one. A node holds as many actors as its Ray CPUs ({@link
   * #rayCpusPerNode}) allow at the strategy's {@code actorResources} CPU, or one per Ray CPU
   * without one: Ray would pack such actors anywhere (they hold no CPU once placed), but a pool of
   * N workers is measured as N workers with a CPU each.
   */
  public static int rayWorkerPods(BenchmarkSweepSpec spec) {
    RaySpec ray = spec.effectiveRay();
    if (ray.getWorkers() != null) {
      return ray.getWorkers();
    }
    int cpus = rayCpusPerNode(ray);
    int nodes =
        rayStrategies(spec)
            .mapToInt(
                s -> {
                  OptionalInt pool = largestStatedPool(spec, s);
                  if (pool.isEmpty()) {
                    return 0;
                  }
                  // An actor larger than a node fits nowhere: validation says so; size as for one
                  // actor per node meanwhile.
                  int perNode = Math.max(1, actorsPerNode(cpus, s));
                  return (pool.getAsInt() + perNode - 1) / perNode;
                })
            .max()
            .orElse(0);
    return Math.max(RaySpec.DEFAULT_WORKERS, nodes - 1);
  }

  /**
   * The CPUs Ray counts on each node: KubeRay starts every node with {@code --num-cpus} set to its
   * container's CPU limit rounded up to a whole number, so {@code spec.ray.cpu: 500m} is one Ray
   * CPU. A CPU that is not a quantity counts as the default (validation reports it).
   */
  public static int rayCpusPerNode(RaySpec ray) {
    try {
      BigDecimal cpu = Quantity.getAmountInBytes(new Quantity(ray.effectiveCpu()));
      if (cpu.signum() > 0) {
        return cpu.setScale(0, RoundingMode.CEILING).intValueExact();
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      // Reported by validation; size as for the default meanwhile.
    }
    return 1;
  }

  /**
   * Actors of {@code strategy} that fit on a node of {@code cpus} Ray CPUs: by its {@code
   * actorResources} CPU, or one per CPU without one; 0 when one actor asks for more than a node.
   */
  public static int actorsPerNode(int cpus, StrategySpec strategy) {
    Double actorCpu = strategy.effectiveActorResources().get("CPU");
    if (actorCpu == null || actorCpu <= 0) {
      return cpus;
    }
    // Ray counts resources in 1/10000 units: compare in those, not in doubles.
    long unit = 10_000;
    return (int) ((cpus * unit) / Math.round(actorCpu * unit));
  }

  private static Stream<StrategySpec> rayStrategies(BenchmarkSweepSpec spec) {
    return spec.getStrategies().stream()
        .filter(s -> s != null && s.getType() != null && s.getType().isRay());
  }

  /** Strategies whose pool size decides how many tasks run at once. */
  private static boolean sizedByWorkers(StrategyType type) {
    return type != null && type != StrategyType.SingleThread && type != StrategyType.RayTasks;
  }
}
