package io.gridbench.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One measured cell of one strategy: every kept sample, its statistics and the checksum of the task
 * digests (the same for every strategy that ran the cell correctly).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CellResult(
    long compute,
    long payloadBytes,
    int tasks,
    String checksum,
    List<Double> samplesSeconds,
    CellStats stats,
    Instant measuredAt,
    MachineState machine) {

  public CellResult {
    samplesSeconds = List.copyOf(samplesSeconds);
  }

  /** A result whose statistics are computed from {@code samplesSeconds}. */
  public static CellResult of(
      long compute,
      long payloadBytes,
      int tasks,
      long checksum,
      List<Double> samplesSeconds,
      Instant measuredAt,
      MachineState machine) {
    return new CellResult(
        compute,
        payloadBytes,
        tasks,
        Checksums.format(checksum),
        samplesSeconds,
        CellStats.of(samplesSeconds),
        measuredAt,
        machine);
  }

  /** The cell's coordinates as a key. */
  public CellKey key() {
    return new CellKey(compute, payloadBytes);
  }
}
