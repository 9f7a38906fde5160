package io.gridbench.operator.validation;

import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.validation.SweepSpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the CRD schema cannot reject: the shared spec rules of {@link SweepSpecValidator} plus
 * the rules that only matter once the sweep runs as Jobs. Messages are full sentences naming the
 * field and what is allowed.
 */
public final class SweepValidator {

  /** Job names become the {@code job-name} label of their pods, and label values stop at 63. */
  static final int MAX_JOB_NAME_LENGTH = 63;

  private final SweepSpecValidator shared = new SweepSpecValidator();

  /** Every problem of {@code sweep}; empty when it can run. */
  public List<String> validate(BenchmarkSweep sweep) {
    List<String> problems = new ArrayList<>(shared.validate(sweep.getSpec()));
    if (sweep.getSpec() != null && sweep.getSpec().getStrategies() != null) {
      List<StrategySpec> strategies = sweep.getSpec().getStrategies();
      for (int i = 0; i < strategies.size(); i++) {
        StrategySpec s = strategies.get(i);
        if (s == null || s.getName() == null) {
          continue;
        }
        jobName(sweep.getMetadata().getName(), s.getName(), i).ifPresent(problems::add);
        rayType(s, i).ifPresent(problems::add);
      }
    }
    return problems;
  }

  private static Optional<String> jobName(String sweep, String strategy, int i) {
    String job = ResultsConfigMaps.jobName(sweep, strategy);
    if (job.length() <= MAX_JOB_NAME_LENGTH) {
      return Optional.empty();
    }
    return Optional.of(
        "spec.strategies["
            + i
            + "].name: the Job name '"
            + job
            + "' (sweep name, '-', strategy name) has "
            + job.length()
            + " characters; at most "
            + MAX_JOB_NAME_LENGTH
            + " are allowed, so shorten the sweep or the strategy name.");
  }

  private static Optional<String> rayType(StrategySpec s, int i) {
    if (s.getType() == null || !s.getType().isRay()) {
      return Optional.empty();
    }
    return Optional.of(
        "spec.strategies["
            + i
            + "].type: "
            + s.getType()
            + " needs a Ray cluster, which this operator does not create yet; use SingleThread,"
            + " ThreadPool or ProcessPool.");
  }
}
