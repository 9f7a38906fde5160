package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.gridbench.api.crd.PropertySchemaPatch;
import io.gridbench.api.validation.SweepLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to measure: the grid, how often, in which order, and with which strategies. The same class
 * is the CLI manifest's {@code spec} and the custom resource's spec.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "grid",
  "tasksPerCell",
  "workers",
  "repetitions",
  "autoRepetitions",
  "warmup",
  "order",
  "seed",
  "concurrency",
  "driftCanary",
  "ray",
  "placement",
  "retainResults",
  "strategies"
})
// A map list keyed by name: the API server itself refuses two strategies of one name, and
// server-side apply merges strategies by name rather than by position.
@SchemaCustomizer(
    value = PropertySchemaPatch.class,
    input =
        "{\"strategies\":{\"x-kubernetes-list-type\":\"map\","
            + "\"x-kubernetes-list-map-keys\":[\"name\"]}}")
public class BenchmarkSweepSpec {

  public static final int DEFAULT_TASKS_PER_CELL = 64;
  public static final int DEFAULT_REPETITIONS = 5;
  public static final int DEFAULT_WARMUP = 1;
  public static final int DEFAULT_CONCURRENCY = 1;

  /** The {@code repetitions} value that asks for adaptive sampling. */
  public static final String AUTO = "auto";

  @Required
  @JsonPropertyDescription("The grid of cells every strategy runs.")
  private Grid grid;

  @Min(1)
  @Max(SweepLimits.MAX_TASKS_PER_CELL)
  // No schema default: the API server would fill it in beside a spec.grid.tasksPerCell axis, which
  // validation refuses (examples/scaling.yaml could not run through the operator); the model
  // applies the default instead (effectiveTasksPerCell).
  @JsonPropertyDescription(
      "Tasks in one cell (default 64); spec.grid.tasksPerCell makes it an axis.")
  private Integer tasksPerCell;

  @Min(1)
  @Max(SweepLimits.MAX_WORKERS)
  @JsonPropertyDescription(
      "Default pool size of every strategy (default: available processors); spec.grid.workers"
          + " makes it an axis.")
  private Integer workers;

  @JsonPropertyDescription(
      "Measured repetitions per cell (default 5), or 'auto': sample until the median's 95%"
          + " interval is narrow enough (see autoRepetitions).")
  private IntOrString repetitions;

  @JsonPropertyDescription("Settings of repetitions: auto.")
  private AutoRepetitionsSpec autoRepetitions;

  @JsonPropertyDescription("The drift canary (on by default).")
  private DriftCanarySpec driftCanary;

  @Min(0)
  @Max(SweepLimits.MAX_WARMUP)
  @Default("1")
  @JsonPropertyDescription("Discarded warm-up repetitions per cell (default 1).")
  private Integer warmup;

  @Default("sequential")
  @JsonPropertyDescription("Order of the cells: sequential (default), shuffled or interleaved.")
  private Order order;

  @JsonPropertyDescription("Seed of the shuffled order (default 0).")
  private Long seed;

  @Min(1)
  @Max(SweepLimits.MAX_STRATEGIES)
  @Default("1")
  @JsonPropertyDescription("Operator: strategies allowed to run at the same time (default 1).")
  private Integer concurrency;

  @JsonPropertyDescription("Operator: the RayCluster of the Ray strategies (defaults apply).")
  private RaySpec ray;

  @JsonPropertyDescription(
      "Operator: where the sweep's pods run (nodeSelector, tolerations, affinity), applied to every"
          + " strategy's Job pod and to the RayCluster's head and worker pods alike.")
  private PlacementSpec placement;

  @JsonPropertyDescription(
      "Operator: keep the plan and results ConfigMaps when the sweep is deleted (default false:"
          + " they go with it). Retained ConfigMaps have no owner and are labelled"
          + " gridbench.io/retained=true, gridbench.io/sweep and gridbench.io/sweep-uid; gridbench"
          + " fetch still reads them; delete them with kubectl delete configmap -l"
          + " gridbench.io/retained=true,gridbench.io/sweep=NAME.")
  private Boolean retainResults;

  @Required
  @Size(min = 1, max = SweepLimits.MAX_STRATEGIES)
  @JsonPropertyDescription("The strategies to compare, run in list order; names are unique.")
  private List<StrategySpec> strategies = new ArrayList<>();

  @JsonIgnore
  public int effectiveTasksPerCell() {
    return tasksPerCell == null ? DEFAULT_TASKS_PER_CELL : tasksPerCell;
  }

  /** Whether {@code repetitions} is {@code auto}. */
  @JsonIgnore
  public boolean usesAutoRepetitions() {
    return repetitions != null && AUTO.equals(repetitions.getStrVal());
  }

  /** The fixed repetition count, or with {@code auto} the minimum taken. */
  @JsonIgnore
  public int effectiveRepetitions() {
    if (repetitions == null) {
      return DEFAULT_REPETITIONS;
    }
    if (usesAutoRepetitions()) {
      return effectiveAutoRepetitions().effectiveMin();
    }
    return repetitions.getIntVal() == null ? DEFAULT_REPETITIONS : repetitions.getIntVal();
  }

  @JsonIgnore
  public AutoRepetitionsSpec effectiveAutoRepetitions() {
    return autoRepetitions == null ? new AutoRepetitionsSpec() : autoRepetitions;
  }

  @JsonIgnore
  public DriftCanarySpec effectiveDriftCanary() {
    return driftCanary == null ? new DriftCanarySpec() : driftCanary;
  }

  @JsonIgnore
  public RaySpec effectiveRay() {
    return ray == null ? new RaySpec() : ray;
  }

  /** Whether a strategy of this sweep needs Ray. */
  @JsonIgnore
  public boolean hasRayStrategies() {
    return strategies != null
        && strategies.stream()
            .anyMatch(s -> s != null && s.getType() != null && s.getType().isRay());
  }

  @JsonIgnore
  public int effectiveWarmup() {
    return warmup == null ? DEFAULT_WARMUP : warmup;
  }

  @JsonIgnore
  public Order effectiveOrder() {
    return order == null ? Order.SEQUENTIAL : order;
  }

  @JsonIgnore
  public long effectiveSeed() {
    return seed == null ? 0L : seed;
  }

  @JsonIgnore
  public int effectiveConcurrency() {
    return concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
  }

  /** Pool size of {@code strategy}: its own, else the sweep's, else this machine's processors. */
  public int workersFor(StrategySpec strategy) {
    if (strategy.getWorkers() != null) {
      return strategy.getWorkers();
    }
    if (workers != null) {
      return workers;
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * The largest pool {@code strategy} runs: the largest value of the workers axis, else its one
   * pool size.
   */
  public int largestWorkersFor(StrategySpec strategy) {
    if (grid != null && grid.getWorkers() != null) {
      return grid.getWorkers().expand().stream()
          .mapToInt(Long::intValue)
          .max()
          .orElse(workersFor(strategy));
    }
    return workersFor(strategy);
  }

  /** The strategy called {@code name}, if the sweep has one. */
  public java.util.Optional<StrategySpec> strategy(String name) {
    return strategies == null
        ? java.util.Optional.empty()
        : strategies.stream().filter(s -> name.equals(s.getName())).findFirst();
  }

  public Grid getGrid() {
    return grid;
  }

  public void setGrid(Grid grid) {
    this.grid = grid;
  }

  public Integer getTasksPerCell() {
    return tasksPerCell;
  }

  public void setTasksPerCell(Integer tasksPerCell) {
    this.tasksPerCell = tasksPerCell;
  }

  public Integer getWorkers() {
    return workers;
  }

  public void setWorkers(Integer workers) {
    this.workers = workers;
  }

  public IntOrString getRepetitions() {
    return repetitions;
  }

  public void setRepetitions(IntOrString repetitions) {
    this.repetitions = repetitions;
  }

  public AutoRepetitionsSpec getAutoRepetitions() {
    return autoRepetitions;
  }

  public void setAutoRepetitions(AutoRepetitionsSpec autoRepetitions) {
    this.autoRepetitions = autoRepetitions;
  }

  public DriftCanarySpec getDriftCanary() {
    return driftCanary;
  }

  public void setDriftCanary(DriftCanarySpec driftCanary) {
    this.driftCanary = driftCanary;
  }

  public Integer getWarmup() {
    return warmup;
  }

  public void setWarmup(Integer warmup) {
    this.warmup = warmup;
  }

  public Order getOrder() {
    return order;
  }

  public void setOrder(Order order) {
    this.order = order;
  }

  public Long getSeed() {
    return seed;
  }

  public void setSeed(Long seed) {
    this.seed = seed;
  }

  public Integer getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(Integer concurrency) {
    this.concurrency = concurrency;
  }

  public RaySpec getRay() {
    return ray;
  }

  public void setRay(RaySpec ray) {
    this.ray = ray;
  }

  /** {@link #getPlacement()}, empty when absent. */
  @JsonIgnore
  public PlacementSpec effectivePlacement() {
    return placement == null ? new PlacementSpec() : placement;
  }

  /** {@link #getRetainResults()} with its default (false) applied. */
  @JsonIgnore
  public boolean retainsResults() {
    return Boolean.TRUE.equals(retainResults);
  }

  public Boolean getRetainResults() {
    return retainResults;
  }

  public void setRetainResults(Boolean retainResults) {
    this.retainResults = retainResults;
  }

  public PlacementSpec getPlacement() {
    return placement;
  }

  public void setPlacement(PlacementSpec placement) {
    this.placement = placement;
  }

  public List<StrategySpec> getStrategies() {
    return strategies;
  }

  public void setStrategies(List<StrategySpec> strategies) {
    this.strategies = strategies;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BenchmarkSweepSpec s
        && Objects.equals(grid, s.grid)
        && Objects.equals(tasksPerCell, s.tasksPerCell)
        && Objects.equals(workers, s.workers)
        && Objects.equals(repetitions, s.repetitions)
        && Objects.equals(autoRepetitions, s.autoRepetitions)
        && Objects.equals(driftCanary, s.driftCanary)
        && Objects.equals(warmup, s.warmup)
        && order == s.order
        && Objects.equals(seed, s.seed)
        && Objects.equals(concurrency, s.concurrency)
        && Objects.equals(ray, s.ray)
        && Objects.equals(placement, s.placement)
        && Objects.equals(retainResults, s.retainResults)
        && Objects.equals(strategies, s.strategies);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        grid,
        tasksPerCell,
        workers,
        repetitions,
        autoRepetitions,
        driftCanary,
        warmup,
        order,
        seed,
        concurrency,
        ray,
        placement,
        retainResults,
        strategies);
  }
}
