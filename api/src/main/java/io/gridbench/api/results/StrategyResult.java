package io.gridbench.api.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridbench.api.v1alpha1.StrategyType;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one strategy measured; {@code error} is set when it did not finish. {@code
 * actorsPerNode} says where a Ray strategy's long-lived actors ran (actors per node), absent for
 * strategies without any. {@code machine} is where this strategy ran when the strategies of the
 * document ran on different machines (a sweep fetched from a cluster); absent when the document's
 * own {@code machine} holds for all.
 */
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
    List<CellResult> cells,
    Map<String, Integer> actorsPerNode,
    MachineInfo machine) {

  public StrategyResult {
    cells = List.copyOf(cells);
    actorsPerNode =
        actorsPerNode == null || actorsPerNode.isEmpty()
            ? null
            : Collections.unmodifiableMap(new TreeMap<>(actorsPerNode));
  }

  /** A result with no actor placement to report. */
  public StrategyResult(
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
    this(
        name,
        type,
        mode,
        workers,
        rebuild,
        outcome,
        error,
        startedAt,
        finishedAt,
        cells,
        null,
        null);
  }

  /**
   * How the strategy ran ({@code local}, {@code ray-cluster}, ...); a partial file's strategy that
   * had not started yet has no mode.
   */
  @JsonIgnore
  public String modeLabel() {
    return mode == null ? "not started" : mode.label();
  }

  /** How a strategy's run ended. */
  public enum Outcome {
    Succeeded,
    Failed,
    /**
     * The run stopped (Ctrl-C, a crash) before this strategy finished: its cells so far are kept in
     * a partial results file, which {@code gridbench run --resume} completes.
     */
    Incomplete
  }
}
