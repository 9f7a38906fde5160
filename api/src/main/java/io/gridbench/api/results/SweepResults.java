package io.gridbench.api.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import java.time.Instant;
import java.util.List;

/** The results document of one run: the spec, the machine and what each strategy measured. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepResults(
    int schemaVersion,
    String sweep,
    BenchmarkSweepSpec spec,
    MachineInfo machine,
    Instant startedAt,
    Instant finishedAt,
    List<StrategyResult> strategies,
    DriftReport drift,
    Calibration calibration) {

  public static final int SCHEMA_VERSION = 1;

  public SweepResults {
    strategies = List.copyOf(strategies);
  }

  /** Whether these are a partial file of a run still going or stopped midway: no finish time. */
  @JsonIgnore
  public boolean partial() {
    return finishedAt == null;
  }

  /** These results with this machine's floors attached. */
  public SweepResults withCalibration(Calibration floors) {
    return new SweepResults(
        schemaVersion, sweep, spec, machine, startedAt, finishedAt, strategies, drift, floors);
  }
}
