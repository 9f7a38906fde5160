package io.gridbench.runner.worker;

import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.measure.ProgressListener;
import io.gridbench.runner.measure.SweepRunner;
import io.gridbench.runner.strategy.StrategyProvider;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one strategy of a plan, as a Job's pod does: records the machine it runs on, resumes after
 * the cells already recorded and records every newly measured cell before measuring the next.
 */
public final class Worker {

  private final SweepPlan plan;
  private final StrategySpec strategy;
  private final ResultsStore store;
  private final StrategyProvider strategies;
  private final Consumer<String> log;
  private final MachineInfo machine;

  /** A worker on this machine, outside any Kubernetes node. */
  public Worker(
      SweepPlan plan,
      String strategyName,
      ResultsStore store,
      StrategyProvider strategies,
      Consumer<String> log)
      throws PlanException {
    this(plan, strategyName, store, strategies, log, MachineInfo.current());
  }

  /** A worker that records {@code machine} as where it measured. */
  public Worker(
      SweepPlan plan,
      String strategyName,
      ResultsStore store,
      StrategyProvider strategies,
      Consumer<String> log,
      MachineInfo machine)
      throws PlanException {
    this.machine = machine;
    this.plan = plan;
    this.strategy =
        plan.strategy(strategyName)
            .orElseThrow(
                () ->
                    new PlanException(
                        "strategy '"
                            + strategyName
                            + "' is not in the plan of sweep "
                            + plan.sweep()));
    this.store = store;
    this.strategies = strategies;
    this.log = log;
  }

  /** Measures the cells not recorded yet; the result holds every cell, recorded before or now. */
  public StrategyResult run() throws PlanException {
    List<CellResult> recorded = store.load();
    // Before measuring: the operator tells the user where each strategy runs while it runs.
    store.recordMachine(machine);
    log.accept(
        "strategy "
            + strategy.getName()
            + " of sweep "
            + plan.sweep()
            + ": "
            + recorded.size()
            + " cell(s) already recorded");
    ProgressListener recorder =
        new ProgressListener() {
          @Override
          public void cellMeasured(StrategySpec s, CellResult cell, int done, int total) {
            try {
              store.record(cell);
            } catch (PlanException e) {
              throw new RecordingFailedException(e);
            }
            log.accept("cell " + cell.key() + " recorded (" + done + "/" + total + ")");
          }
        };
    SweepRunner runner = new SweepRunner(strategies, recorder);
    SweepResults results;
    try {
      results =
          runner.run(
              plan.sweep(), plan.spec(), List.of(strategy), Map.of(strategy.getName(), recorded));
    } catch (RecordingFailedException e) {
      throw e.cause;
    }
    if (results.drift() != null) {
      store.recordDrift(results.drift());
      log.accept(
          String.format(
              java.util.Locale.ROOT,
              "drift canary moved %.1f%% (threshold %.0f%%)",
              100 * results.drift().maxRelativeDrift(),
              100 * results.drift().threshold()));
    }
    return results.strategies().get(0);
  }

  /** Carries a checked failure out of the listener callback. */
  private static final class RecordingFailedException extends RuntimeException {
    final PlanException cause;

    RecordingFailedException(PlanException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }
}
