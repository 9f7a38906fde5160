package io.gridbench.runner.strategy.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.runner.workload.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolWorkerMainTest {

  @Test
  void aQuickChunkWhoseSuccessorIsBufferedAnswersTogetherWithIt() throws IOException {
    List<byte[]> writes = serve(Long.MAX_VALUE, chunk(1, 2), chunk(3, 2), exit());
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0)).isEqualTo(concat(results(1, 2), results(3, 2)));
  }

  @Test
  void withoutTheTimeBudgetEveryChunkIsAnsweredAlone() throws IOException {
    List<byte[]> writes = serve(0, chunk(1, 2), chunk(3, 2), exit());
    assertThat(writes).containsExactly(results(1, 2), results(3, 2));
  }

  @Test
  void aHeldAnswerGoesOutBeforeTheWorkerExits() throws IOException {
    List<byte[]> writes = serve(Long.MAX_VALUE, chunk(5, 1), exit());
    assertThat(writes).containsExactly(results(5, 1));
  }

  @Test
  void atMostOneAnswerIsHeld() throws IOException {
    List<byte[]> writes = serve(Long.MAX_VALUE, chunk(1, 1), chunk(2, 1), chunk(3, 1), exit());
    assertThat(writes).hasSize(2);
    assertThat(writes.get(0)).isEqualTo(concat(results(1, 1), results(2, 1)));
    assertThat(writes.get(1)).isEqualTo(results(3, 1));
  }

  private static List<byte[]> serve(long coalesceNanos, byte[]... requests) throws IOException {
    List<byte[]> writes = new ArrayList<>();
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes.add(new byte[] {(byte) b});
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
          }
        };
    ChannelReader in =
        new ChannelReader(Channels.newChannel(new ByteArrayInputStream(concat(requests))), 1 << 16);
    PoolWorkerMain.serve(in, out, coalesceNanos);
    return writes;
  }

  /** A pipe chunk of {@code count} empty tasks with seeds {@code first}, {@code first + 1}, … */
  private static byte[] chunk(long first, int count) {
    ByteBuffer b =
        ByteBuffer.allocate(PoolProtocol.CHUNK_HEADER + count * PoolProtocol.TASK_HEADER);
    b.putInt(PoolProtocol.CHUNK_PIPE).putInt(count).putInt(8);
    for (int t = 0; t < count; t++) {
      b.putLong(first + t).putLong(0).putInt(0);
    }
    return b.array();
  }

  private static byte[] exit() {
    return ByteBuffer.allocate(4).putInt(PoolProtocol.EXIT).array();
  }

  private static byte[] results(long first, int count) {
    ByteBuffer b = ByteBuffer.allocate(8 + count * 8);
    b.putInt(PoolProtocol.RESULTS).putInt(count).order(ByteOrder.LITTLE_ENDIAN);
    for (int t = 0; t < count; t++) {
      long seed = first + t;
      b.putLong(Kernel.digest(seed, Kernel.compute(seed, 0), Kernel.FNV_OFFSET_BASIS));
    }
    return b.array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.writeBytes(p);
    }
    return all.toByteArray();
  }
}
