package io.gridbench.runner.strategy.ray;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.runner.workload.Kernel;
import org.junit.jupiter.api.Test;

/** The remote entry points read the null a Ray cluster makes of an empty byte[] as empty. */
class KernelActorTest {

  @Test
  void anEmptyPayloadArrivingAsNullIsAnEmptyPayload() {
    byte[] expected = Kernel.result(Kernel.runTask(7, 100, new byte[0]), 16);

    assertThat(new KernelActor().runTask(7, 100, 16, null)).isEqualTo(expected);
    assertThat(KernelTask.run(7L, 100L, 16, null)).isEqualTo(expected);
    assertThat(new KernelActor().runChunk(new long[] {7}, 100, 16, 0, null)).isEqualTo(expected);
  }

  @Test
  void aResultArrivingAsNullIsEmptyNotAnError() {
    assertThat(RayBytes.orEmpty(null)).isEmpty();
    byte[] some = {1};
    assertThat(RayBytes.orEmpty(some)).isSameAs(some);
  }
}
