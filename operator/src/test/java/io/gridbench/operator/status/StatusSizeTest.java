package io.gridbench.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The seed study's shape (10 x 14 cells, 6 strategies) with 20 repetitions, every cell measured:
 * the sweep object stays well under etcd's 1.5 MiB request limit because raw samples stay in the
 * ConfigMaps and status holds one median and one spread per cell.
 */
class StatusSizeTest {

  private static final int LIMIT = 1536 * 1024;
  private static final List<String> STRATEGIES =
      List.of(
          "single-thread",
          "thread-pool",
          "process-pool",
          "ray-pool-rebuilt",
          "ray-pool",
          "ray-actors");

  @Test
  void aFinishedSeedSizeSweepWithTwentyRepetitionsStaysWellUnderTheLimit() {
    int bytes = sweepBytes(20);
    System.out.printf(
        "seed-size sweep (10 x 14, 6 strategies, 20 repetitions): %d bytes (%.1f%% of 1.5 MiB)%n",
        bytes, 100.0 * bytes / LIMIT);

    assertThat(bytes).isLessThan(LIMIT / 4);
  }

  @Test
  void repetitionsDoNotGrowTheStatus() {
    // Medians differ with the samples, and so do their digits: allow a few percent.
    assertThat((double) sweepBytes(80)).isLessThan(sweepBytes(5) * 1.05);
  }

  private static int sweepBytes(int repetitions) {
    SweepObservations o = new SweepObservations();
    o.sweep.getSpec().getGrid().setCompute(Axis.geometric(10_000, 2, 10));
    o.sweep.getSpec().getGrid().setPayloadBytes(Axis.geometric(1024, 2, 14));
    o.sweep.getSpec().setRepetitions(new IntOrString(repetitions));
    List<StrategySpec> strategies = new ArrayList<>();
    for (String s : STRATEGIES) {
      strategies.add(new StrategySpec(s, StrategyType.SingleThread));
    }
    o.sweep.getSpec().setStrategies(strategies);
    Random random = new Random(42);
    for (String s : STRATEGIES) {
      o.job(s, "Complete");
      for (long c : o.sweep.getSpec().getGrid().getCompute().expand()) {
        for (long p : o.sweep.getSpec().getGrid().getPayloadBytes().expand()) {
          double[] samples = new double[repetitions];
          for (int i = 0; i < repetitions; i++) {
            // Full-precision doubles: the longest JSON numbers a real measurement gives.
            samples[i] = 0.001 + random.nextDouble();
          }
          o.cell(s, c, p, samples);
        }
      }
    }
    BenchmarkSweepStatus status =
        o.status(Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC));
    assertThat(status.getProgress()).isEqualTo("840/840");
    BenchmarkSweep sweep = o.sweep;
    sweep.setStatus(status);
    return Serialization.asJson(sweep).getBytes(StandardCharsets.UTF_8).length;
  }
}
