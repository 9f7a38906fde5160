package io.gridbench.api.results;

import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import java.time.Instant;
import java.util.List;

/** The results document of one run: the spec, the machine and what each strategy measured. */
public record SweepResults(
    int schemaVersion,
    String sweep,
    BenchmarkSweepSpec spec,
    MachineInfo machine,
    Instant startedAt,
    Instant finishedAt,
    List<StrategyResult> strategies) {

  public static final int SCHEMA_VERSION = 1;

  public SweepResults {
    strategies = List.copyOf(strategies);
  }
}
