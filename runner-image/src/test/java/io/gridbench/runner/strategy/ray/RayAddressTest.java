package io.gridbench.runner.strategy.ray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.runner.strategy.StrategyException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RayAddressTest {

  @Test
  void parsesHostAndPort() throws Exception {
    assertThat(RayAddress.parse("10.0.0.5:6379")).isEqualTo(new RayAddress("10.0.0.5", 6379));
    assertThat(RayAddress.parse("ray-head.gridbench.svc:6379").host())
        .isEqualTo("ray-head.gridbench.svc");
    RayAddress v6 = RayAddress.parse("[::1]:6379");
    assertThat(v6).isEqualTo(new RayAddress("::1", 6379));
    assertThat(v6).hasToString("[::1]:6379");
  }

  @ParameterizedTest
  @ValueSource(strings = {"head", ":6379", "head:", "head:port", "head:0", "head:65536", "[]:1"})
  void rejectsWhatIsNotHostColonPort(String text) {
    assertThatThrownBy(() -> RayAddress.parse(text))
        .isInstanceOf(StrategyException.class)
        .hasMessageStartingWith("'" + text + "'")
        .hasMessageContaining("HOST:PORT");
  }

  @Test
  void aClosedPortFailsTheProbeAtOnce() throws Exception {
    RayAddress closed = new RayAddress("127.0.0.1", freePort());
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> closed.probe(Duration.ofSeconds(3)))
        .isInstanceOf(StrategyException.class)
        .hasMessageStartingWith("no Ray GCS at " + closed + ": ")
        .hasMessageContaining("refused");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aListeningPortPassesTheProbe() throws Exception {
    try (ServerSocket gcs = new ServerSocket(0)) {
      new RayAddress("127.0.0.1", gcs.getLocalPort()).probe(Duration.ofSeconds(3));
    }
  }

  @Test
  void anUnknownHostFailsTheProbe() {
    RayAddress nowhere = new RayAddress("no-such-host.invalid", 6379);
    assertThatThrownBy(() -> nowhere.probe(Duration.ofSeconds(3)))
        .isInstanceOf(StrategyException.class)
        .hasMessage(
            "no Ray GCS at no-such-host.invalid:6379: unknown host 'no-such-host.invalid'.");
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
