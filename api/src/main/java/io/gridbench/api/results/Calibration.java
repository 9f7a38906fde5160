package io.gridbench.api.results;

import java.time.Instant;

/**
 * This machine's floors, measured by {@code gridbench calibrate}: what any strategy must pay at
 * least, so reports can show each strategy's overhead relative to what the hardware allows.
 *
 * @param threadHandoffSeconds one task handed to another thread and its result handed back
 * @param pipeRoundTripSeconds one small message to a child process and back over pipes
 * @param memcpyBytesPerSecond single-thread copy bandwidth of a large buffer
 */
public record Calibration(
    Instant measuredAt,
    String hostname,
    double threadHandoffSeconds,
    double pipeRoundTripSeconds,
    double memcpyBytesPerSecond) {}
