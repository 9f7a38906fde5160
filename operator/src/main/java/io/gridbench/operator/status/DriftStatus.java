package io.gridbench.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategyStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Folds the workers' drift canary reports into status: each strategy's canary drift, and a {@code
 * Drifting} condition that is True when any worker's machine drifted beyond its threshold, so a
 * user does not read machine drift as a difference between strategies.
 */
public final class DriftStatus {
  private final Clock clock;

  public DriftStatus(Clock clock) {
    this.clock = clock;
  }

  /**
   * {@code status} with the drift of {@code reports} (by strategy name) added; {@code previous} are
   * the conditions before, so an unchanged verdict keeps its transition time.
   */
  public BenchmarkSweepStatus apply(
      BenchmarkSweepStatus status, Map<String, DriftReport> reports, List<Condition> previous) {
    if (reports.isEmpty() || status.getStrategies() == null) {
      return status;
    }
    List<String> drifting = new ArrayList<>();
    for (StrategyStatus strategy : status.getStrategies()) {
      DriftReport report = reports.get(strategy.getName());
      if (report == null) {
        continue;
      }
      double percent = Math.round(1000 * report.maxRelativeDrift()) / 10.0;
      strategy.setCanaryDriftPercent(percent);
      if (report.drifting()) {
        drifting.add(
            String.format(
                Locale.ROOT,
                "%s moved %.1f%% (threshold %.0f%%)",
                strategy.getName(),
                percent,
                100 * report.threshold()));
      }
    }
    long generation = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
    ConditionTransitions transition =
        new ConditionTransitions(previous, generation, clock.instant());
    if (drifting.isEmpty()) {
      transition.set(
          Reasons.DRIFTING,
          false,
          Reasons.CANARY_STEADY,
          "The drift canary stayed within its threshold in every worker.");
    } else {
      transition.set(
          Reasons.DRIFTING,
          true,
          Reasons.CANARY_DRIFTED,
          "The machine drifted while measuring; differences may be drift, not the strategies: "
              + String.join("; ", drifting)
              + ".");
    }
    List<Condition> conditions = new ArrayList<>();
    if (status.getConditions() != null) {
      status.getConditions().stream()
          .filter(c -> !Reasons.DRIFTING.equals(c.getType()))
          .forEach(conditions::add);
    }
    conditions.addAll(transition.build());
    status.setConditions(conditions);
    return status;
  }
}
