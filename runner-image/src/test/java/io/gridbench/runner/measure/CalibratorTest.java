package io.gridbench.runner.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.Calibration;
import org.junit.jupiter.api.Test;

class CalibratorTest {

  @Test
  void measuresThreeFinitePositiveFloors() throws Exception {
    Calibration c = new Calibrator().calibrate();
    // Plausibility bounds, not performance targets: a hand-off takes more than 10 ns and less
    // than 10 ms anywhere; a copy moves more than 100 MB/s.
    assertThat(c.threadHandoffSeconds()).isBetween(1e-8, 1e-2);
    assertThat(c.pipeRoundTripSeconds()).isBetween(1e-8, 1e-2);
    assertThat(c.memcpyBytesPerSecond()).isGreaterThan(1e8).isFinite();
    assertThat(c.hostname()).isNotBlank();
  }
}
