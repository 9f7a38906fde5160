package io.gridbench.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One measured cell of one strategy: every kept sample, its statistics and the checksum of the task
 * digests (the same for every strategy that ran the cell correctly, whatever its pool size). {@code
 * workers} is the pool size of a sweep with a workers axis, absent otherwise (the strategy's own
 * pool size applies); {@code oversubscribed} is true when the pool had more workers than the
 * strategy had CPUs, absent otherwise.
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
    MachineState machine,
    Integer workers,
    Boolean oversubscribed) {

  public CellResult {
    samplesSeconds = List.copyOf(samplesSeconds);
    oversubscribed = Boolean.TRUE.equals(oversubscribed) ? Boolean.TRUE : null;
  }

  /** A cell of a sweep without a workers axis, on as many CPUs as workers. */
  public CellResult(
      long compute,
      long payloadBytes,
      int tasks,
      String checksum,
      List<Double> samplesSeconds,
      CellStats stats,
      Instant measuredAt,
      MachineState machine) {
    this(
        compute,
        payloadBytes,
        tasks,
        checksum,
        samplesSeconds,
        stats,
        measuredAt,
        machine,
        null,
        null);
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

  /** This result with the pool size of a workers axis and whether it oversubscribed its CPUs. */
  public CellResult onWorkers(Integer workers, boolean oversubscribed) {
    return new CellResult(
        compute,
        payloadBytes,
        tasks,
        checksum,
        samplesSeconds,
        stats,
        measuredAt,
        machine,
        workers,
        oversubscribed);
  }

  /** Whether the pool had more workers than CPUs. */
  public boolean ranOversubscribed() {
    return Boolean.TRUE.equals(oversubscribed);
  }

  /** The cell's coordinates as a key. */
  public CellKey key() {
    return new CellKey(
        compute, payloadBytes, workers == null ? CellKey.STRATEGY_WORKERS : workers, tasks);
  }
}
