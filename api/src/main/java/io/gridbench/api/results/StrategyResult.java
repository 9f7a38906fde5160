package io.gridbench.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridbench.api.v1alpha1.StrategyType;
import java.time.Instant;
import java.util.List;

/** Everything one strategy measured; {@code error} is set when it did not finish. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StrategyResult(
    String name,
    StrategyType type,
    ExecutionMode mode,
    int workers,
    boolean rebuild,
    Outcome outcome,
    String error,
    Instant startedAt,
    Instant finishedAt,
    List<CellResult> cells) {

  public StrategyResult {
    cells = List.copyOf(cells);
  }

  /** How a strategy's run ended. */
  public enum Outcome {
    Succeeded,
    Failed
  }
}
