package io.gridbench.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.gridbench.api.v1alpha1.AutoRepetitionsSpec;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.DriftCanarySpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a sweep spec against the rules a schema cannot express. Each rule yields at most one
 * full-sentence message naming the field, the value and what is allowed.
 */
public final class SweepSpecValidator {

  private static final Pattern STRATEGY_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** Names Ray accepts for a resource and a command line can carry unquoted. */
  private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.:/-]*");

  /** Every problem of {@code spec}, in field order; empty when the spec is valid. */
  public List<String> validate(BenchmarkSweepSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      problems.add("spec: is missing; a sweep needs spec.grid and spec.strategies.");
      return problems;
    }
    Grid grid = spec.getGrid();
    boolean axesValid = false;
    if (grid == null) {
      problems.add("spec.grid: is missing; it needs compute and payloadBytes axes.");
    } else {
      Optional<String> compute =
          axis("spec.grid.compute", grid.getCompute(), 0, SweepLimits.MAX_COMPUTE);
      Optional<String> payload =
          axis("spec.grid.payloadBytes", grid.getPayloadBytes(), 0, SweepLimits.MAX_PAYLOAD_BYTES);
      Optional<String> workers =
          grid.getWorkers() == null
              ? Optional.empty()
              : axis("spec.grid.workers", grid.getWorkers(), 1, SweepLimits.MAX_WORKERS);
      Optional<String> tasksAxis =
          grid.getTasksPerCell() == null
              ? Optional.empty()
              : axis(
                  "spec.grid.tasksPerCell",
                  grid.getTasksPerCell(),
                  1,
                  SweepLimits.MAX_TASKS_PER_CELL);
      compute.ifPresent(problems::add);
      payload.ifPresent(problems::add);
      workers.ifPresent(problems::add);
      tasksAxis.ifPresent(problems::add);
      if (grid.getWorkers() != null && spec.getWorkers() != null) {
        problems.add(
            "spec.workers: cannot be given with the spec.grid.workers axis; list the pool sizes"
                + " in the axis alone.");
      }
      if (grid.getTasksPerCell() != null && spec.getTasksPerCell() != null) {
        problems.add(
            "spec.tasksPerCell: cannot be given with the spec.grid.tasksPerCell axis; list the task"
                + " counts in the axis alone.");
      }
      range(
              "spec.grid.resultBytes",
              grid.getResultBytes(),
              SweepLimits.MIN_RESULT_BYTES,
              SweepLimits.MAX_RESULT_BYTES)
          .ifPresent(problems::add);
      axesValid =
          compute.isEmpty() && payload.isEmpty() && workers.isEmpty() && tasksAxis.isEmpty();
      if (axesValid) {
        varyingAxes(grid).ifPresent(problems::add);
      }
      cellCount(grid).ifPresent(problems::add);
    }
    Optional<String> tasks =
        range("spec.tasksPerCell", spec.getTasksPerCell(), 1, SweepLimits.MAX_TASKS_PER_CELL);
    tasks.ifPresent(problems::add);
    // Derived from both axes and the task count: meaningful only when those are valid.
    if (axesValid && tasks.isEmpty()) {
      cellMemory(spec).ifPresent(problems::add);
    }
    range("spec.workers", spec.getWorkers(), 1, SweepLimits.MAX_WORKERS).ifPresent(problems::add);
    repetitions(spec).ifPresent(problems::add);
    driftCanary(spec).ifPresent(problems::add);
    range("spec.warmup", spec.getWarmup(), 0, SweepLimits.MAX_WARMUP).ifPresent(problems::add);
    range("spec.concurrency", spec.getConcurrency(), 1, SweepLimits.MAX_STRATEGIES)
        .ifPresent(problems::add);
    strategies(spec.getStrategies(), problems);
    if (grid != null && grid.getWorkers() != null && spec.getStrategies() != null) {
      for (int i = 0; i < spec.getStrategies().size(); i++) {
        StrategySpec s = spec.getStrategies().get(i);
        if (s != null && s.getWorkers() != null) {
          problems.add(
              "spec.strategies["
                  + i
                  + "].workers: cannot be given with the spec.grid.workers axis; the axis sets"
                  + " every strategy's pool size.");
        }
      }
    }
    return problems;
  }

  private static Optional<String> axis(String field, Axis axis, long min, long max) {
    if (axis == null) {
      return Optional.of(field + ": is missing; give values: [...] or start, factor and steps.");
    }
    if (axis.getValues() != null
        && (axis.getStart() != null || axis.getFactor() != null || axis.getSteps() != null)) {
      return Optional.of(field + ": give either values or start/factor/steps, not both.");
    }
    if (axis.isGeometric()) {
      if (axis.getStart() == null || axis.getFactor() == null || axis.getSteps() == null) {
        return Optional.of(field + ": a geometric axis needs all of start, factor and steps.");
      }
      Optional<String> steps =
          range(field + ".steps", axis.getSteps(), 1, SweepLimits.MAX_AXIS_STEPS);
      if (steps.isPresent()) {
        return steps;
      }
      Optional<String> start = range(field + ".start", axis.getStart(), min, max);
      if (start.isPresent()) {
        return start;
      }
      if (axis.getSteps() > 1) {
        double factor = axis.getFactor();
        if (!(factor > 1.0) || Double.isInfinite(factor)) {
          return Optional.of(
              field + ".factor: " + factor + " is not allowed; it must be greater than 1.");
        }
        if (axis.getStart() < 1) {
          return Optional.of(
              field + ".start: 0 cannot grow geometrically; start at 1 or more, or list values.");
        }
        double last = axis.getStart() * Math.pow(factor, axis.getSteps() - 1);
        if (last > max) {
          return Optional.of(
              String.format(
                  "%s: the last of %d steps is %.0f; allowed values are %d to %d.",
                  field, axis.getSteps(), last, min, max));
        }
      }
    } else if (axis.getValues() == null || axis.getValues().isEmpty()) {
      return Optional.of(
          field + ": is empty; give at least one value from " + min + " to " + max + ".");
    }
    List<Long> values = axis.expand();
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      Long v = values.get(i);
      String at = axis.isGeometric() ? field : field + ".values[" + i + "]";
      if (v == null) {
        return Optional.of(at + ": is empty; allowed values are " + min + " to " + max + ".");
      }
      if (v < min || v > max) {
        return Optional.of(
            at + ": " + v + " is out of range; allowed values are " + min + " to " + max + ".");
      }
      if (!seen.add(v)) {
        return Optional.of(
            at
                + ": "
                + v
                + " appears twice"
                + (axis.isGeometric() ? " after rounding; use a larger factor or start" : "")
                + "; axis values must be distinct.");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> repetitions(BenchmarkSweepSpec spec) {
    IntOrString reps = spec.getRepetitions();
    if (reps != null && reps.getStrVal() != null && !spec.usesAutoRepetitions()) {
      return Optional.of(
          "spec.repetitions: '"
              + reps.getStrVal()
              + "' is not allowed; give a whole number from 1 to "
              + SweepLimits.MAX_REPETITIONS
              + " or 'auto'.");
    }
    if (reps != null && reps.getIntVal() != null) {
      return range("spec.repetitions", reps.getIntVal(), 1, SweepLimits.MAX_REPETITIONS);
    }
    AutoRepetitionsSpec auto = spec.getAutoRepetitions();
    if (auto == null) {
      return Optional.empty();
    }
    Optional<String> min =
        range("spec.autoRepetitions.min", auto.getMin(), 1, SweepLimits.MAX_REPETITIONS);
    if (min.isPresent()) {
      return min;
    }
    Optional<String> max =
        range(
            "spec.autoRepetitions.max",
            auto.getMax(),
            auto.effectiveMin(),
            SweepLimits.MAX_REPETITIONS);
    if (max.isPresent()) {
      return max;
    }
    Double target = auto.getTargetRelativeWidth();
    if (target != null && !(target > 0 && target < 1)) {
      return Optional.of(
          "spec.autoRepetitions.targetRelativeWidth: "
              + target
              + " is out of range; it must be above 0 and below 1.");
    }
    return Optional.empty();
  }

  private static Optional<String> driftCanary(BenchmarkSweepSpec spec) {
    DriftCanarySpec canary = spec.getDriftCanary();
    if (canary == null) {
      return Optional.empty();
    }
    Optional<String> every =
        range("spec.driftCanary.everyCells", canary.getEveryCells(), 1, SweepLimits.MAX_CELLS);
    if (every.isPresent()) {
      return every;
    }
    Optional<String> reps =
        range("spec.driftCanary.repetitions", canary.getRepetitions(), 1, SweepLimits.MAX_WARMUP);
    if (reps.isPresent()) {
      return reps;
    }
    Optional<String> compute =
        range("spec.driftCanary.compute", canary.getCompute(), 0, SweepLimits.MAX_COMPUTE);
    if (compute.isPresent()) {
      return compute;
    }
    Optional<String> payload =
        range(
            "spec.driftCanary.payloadBytes",
            canary.getPayloadBytes(),
            0,
            SweepLimits.MAX_PAYLOAD_BYTES);
    if (payload.isPresent()) {
      return payload;
    }
    Double threshold = canary.getThreshold();
    if (threshold != null && !(threshold > 0 && threshold <= 10)) {
      return Optional.of(
          "spec.driftCanary.threshold: "
              + threshold
              + " is out of range; it must be above 0 and at most 10.");
    }
    return Optional.empty();
  }

  private static Optional<String> varyingAxes(Grid grid) {
    List<String> varying = new ArrayList<>();
    String[] names = {"compute", "payloadBytes", "workers", "tasksPerCell"};
    Axis[] axes = {
      grid.getCompute(), grid.getPayloadBytes(), grid.getWorkers(), grid.getTasksPerCell()
    };
    for (int i = 0; i < axes.length; i++) {
      if (stepCount(axes[i]) > 1) {
        varying.add(names[i]);
      }
    }
    if (varying.size() > 2) {
      return Optional.of(
          "spec.grid: "
              + varying.size()
              + " axes vary ("
              + String.join(", ", varying)
              + "); at most 2 may vary, give the others one value.");
    }
    return Optional.empty();
  }

  private static Optional<String> cellCount(Grid grid) {
    long cells =
        (long) stepCount(grid.getCompute())
            * stepCount(grid.getPayloadBytes())
            * stepCount(grid.getWorkers())
            * stepCount(grid.getTasksPerCell());
    if (cells > SweepLimits.MAX_CELLS) {
      return Optional.of(
          "spec.grid: "
              + cells
              + " cells ("
              + (grid.getWorkers() == null && grid.getTasksPerCell() == null
                  ? "compute x payloadBytes"
                  : "compute x payloadBytes x workers x tasksPerCell")
              + ") is too many; at most "
              + SweepLimits.MAX_CELLS
              + " are allowed.");
    }
    return Optional.empty();
  }

  private static int stepCount(Axis axis) {
    if (axis == null) {
      return 1;
    }
    if (axis.isGeometric()) {
      return axis.getSteps() == null ? 0 : Math.max(0, axis.getSteps());
    }
    return axis.getValues() == null ? 0 : axis.getValues().size();
  }

  private static Optional<String> cellMemory(BenchmarkSweepSpec spec) {
    Grid grid = spec.getGrid();
    long maxPayload =
        grid.getPayloadBytes().expand().stream().mapToLong(Long::longValue).max().orElse(0);
    long tasks =
        grid.getTasksPerCell() == null
            ? spec.effectiveTasksPerCell()
            : grid.getTasksPerCell().expand().stream().mapToLong(Long::longValue).max().orElse(0);
    String tasksField =
        grid.getTasksPerCell() == null ? "spec.tasksPerCell" : "spec.grid.tasksPerCell";
    if (tasks > 0
        && maxPayload > 0
        && tasks * (double) maxPayload > SweepLimits.MAX_CELL_PAYLOAD_BYTES) {
      return Optional.of(
          String.format(
              "%s: %d tasks x %d payload bytes is %d MiB per cell; at most %d MiB"
                  + " of payloads per cell are allowed.",
              tasksField,
              tasks,
              maxPayload,
              (long) (tasks * (double) maxPayload / (1024 * 1024)),
              SweepLimits.MAX_CELL_PAYLOAD_BYTES / (1024 * 1024)));
    }
    long resultBytes = grid.effectiveResultBytes();
    if (tasks * (double) resultBytes > SweepLimits.MAX_CELL_PAYLOAD_BYTES) {
      return Optional.of(
          String.format(
              "spec.grid.resultBytes: %d tasks x %d result bytes is %d MiB per cell; at most %d MiB"
                  + " of results per cell are allowed.",
              tasks,
              resultBytes,
              (long) (tasks * (double) resultBytes / (1024 * 1024)),
              SweepLimits.MAX_CELL_PAYLOAD_BYTES / (1024 * 1024)));
    }
    return Optional.empty();
  }

  private static void strategies(List<StrategySpec> strategies, List<String> problems) {
    if (strategies == null || strategies.isEmpty()) {
      problems.add("spec.strategies: is empty; list at least one strategy.");
      return;
    }
    if (strategies.size() > SweepLimits.MAX_STRATEGIES) {
      problems.add(
          "spec.strategies: "
              + strategies.size()
              + " strategies are too many; at most "
              + SweepLimits.MAX_STRATEGIES
              + " are allowed.");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < strategies.size(); i++) {
      StrategySpec s = strategies.get(i);
      String at = "spec.strategies[" + i + "]";
      if (s == null) {
        problems.add(at + ": is empty; give name and type.");
        continue;
      }
      if (s.getName() == null || s.getName().isBlank()) {
        problems.add(at + ".name: is missing; give a name unique in the sweep.");
      } else if (!STRATEGY_NAME.matcher(s.getName()).matches()
          || s.getName().length() > SweepLimits.MAX_STRATEGY_NAME_LENGTH) {
        problems.add(
            at
                + ".name: '"
                + s.getName()
                + "' is not allowed; use lower-case letters, digits and '-', starting and ending"
                + " with a letter or digit, at most "
                + SweepLimits.MAX_STRATEGY_NAME_LENGTH
                + " characters.");
      } else if (!names.add(s.getName())) {
        problems.add(
            at + ".name: '" + s.getName() + "' is used twice; strategy names must be unique.");
      }
      if (s.getType() == null) {
        problems.add(at + ".type: is missing; " + StrategyTypes.allowedSentence());
        continue;
      }
      range(at + ".workers", s.getWorkers(), 1, SweepLimits.MAX_WORKERS).ifPresent(problems::add);
      if (s.rebuildsPerCell() && !s.getType().supportsRebuild()) {
        problems.add(
            at
                + ".rebuild: true is only meaningful for ProcessPool, RayPool, PythonPool and"
                + " PythonRayPool, not "
                + s.getType()
                + ".");
      }
      if (s.getChunkSize() != null) {
        if (!s.getType().supportsChunking()) {
          problems.add(
              at
                  + ".chunkSize: is only meaningful for ProcessPool, RayPool, PythonPool and"
                  + " PythonRayPool, not "
                  + s.getType()
                  + ".");
        } else {
          range(at + ".chunkSize", s.getChunkSize(), 1, SweepLimits.MAX_CHUNK_SIZE)
              .ifPresent(problems::add);
        }
      }
      if (s.getTransport() == Transport.SHM && s.getType() != StrategyType.ProcessPool) {
        problems.add(
            at + ".transport: shm is only available for ProcessPool, not " + s.getType() + ".");
      }
      if (s.getStartMethod() != null && s.getType() != StrategyType.PythonPool) {
        problems.add(
            at + ".startMethod: is only meaningful for PythonPool, not " + s.getType() + ".");
      }
      if (s.getActorResources() != null) {
        actorResources(at + ".actorResources", s, problems);
      }
    }
  }

  private static void actorResources(String at, StrategySpec s, List<String> problems) {
    if (!s.getType().hasRayActors()) {
      problems.add(at + ": is only meaningful for RayPool and RayActors, not " + s.getType() + ".");
      return;
    }
    if (s.getActorResources().size() > SweepLimits.MAX_ACTOR_RESOURCES) {
      problems.add(
          at
              + ": names "
              + s.getActorResources().size()
              + " resources; at most "
              + SweepLimits.MAX_ACTOR_RESOURCES
              + " are allowed.");
      return;
    }
    for (Map.Entry<String, Double> r : s.getActorResources().entrySet()) {
      String name = r.getKey();
      if (name == null
          || name.length() > SweepLimits.MAX_RESOURCE_NAME_LENGTH
          || !RESOURCE_NAME.matcher(name).matches()) {
        problems.add(
            at
                + ": resource name '"
                + name
                + "' is not allowed; use a letter then letters, digits, '_', '.', ':', '/' or"
                + " '-', at most "
                + SweepLimits.MAX_RESOURCE_NAME_LENGTH
                + " characters.");
        continue;
      }
      Double quantity = r.getValue();
      // Ray's own rule: fractions of one unit, or whole units.
      boolean allowed =
          quantity != null
              && quantity > 0
              && quantity <= SweepLimits.MAX_ACTOR_RESOURCE_QUANTITY
              && (quantity <= 1 || quantity == Math.rint(quantity));
      if (!allowed) {
        problems.add(
            at
                + "."
                + name
                + ": "
                + quantity
                + " is not allowed; give a number in (0, 1] or a whole number up to "
                + SweepLimits.MAX_ACTOR_RESOURCE_QUANTITY
                + ".");
      }
    }
  }

  private static Optional<String> range(String field, Number value, long min, long max) {
    if (value == null) {
      return Optional.empty();
    }
    long v = value.longValue();
    if (v < min || v > max) {
      return Optional.of(
          field + ": " + v + " is out of range; allowed values are " + min + " to " + max + ".");
    }
    return Optional.empty();
  }
}
