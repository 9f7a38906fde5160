package io.gridbench.runner.strategy.process;

import io.gridbench.runner.workload.Kernel;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A ProcessPool worker process: reads chunks of tasks from stdin, runs the kernel, writes results
 * to stdout. It exits when stdin closes, so a dead driver never leaves it behind.
 *
 * <p>It runs from a jar of its own few classes ({@link WorkerJar}) and touches as little of the JDK
 * as it can: every class it loads is start-up time inside a rebuilt pool's sample.
 */
public final class PoolWorkerMain {

  /** The read buffer: large enough that a pipe's worth of payload arrives in one read. */
  private static final int READ_BUFFER = 1 << 20;

  private static final int COALESCE_BYTES = 4096;
  private static final long COALESCE_NANOS = 10_000;

  private PoolWorkerMain() {}

  public static void main(String[] args) {
    // stdout carries the protocol; anything printed by accident must not corrupt it.
    FileOutputStream rawOut = new FileOutputStream(FileDescriptor.out);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    try {
      // Ready before anything else is set up: the driver starts all workers, then waits for all.
      byte[] ready = new byte[4];
      PoolProtocol.putInt(ready, 0, PoolProtocol.READY);
      rawOut.write(ready);
      serve(
          new ChannelReader(new FileInputStream(FileDescriptor.in).getChannel(), READ_BUFFER),
          rawOut,
          COALESCE_NANOS);
      System.exit(0);
    } catch (EOFException e) {
      System.exit(0);
    } catch (IOException | RuntimeException e) {
      System.err.println("gridbench pool worker: " + e);
      System.exit(3);
    }
  }

  /**
   * Answers requests, after READY, until EXIT or the end of input. Each response is built in one
   * array and written with one call, so a chunk costs one write and the driver one wake-up.
   */
  static void serve(ChannelReader in, OutputStream out, long coalesceNanos) throws IOException {
    byte[] response = new byte[0];
    long[] digests = new long[0];
    // Bytes of an answer held back to go out with the next one.
    int pending = 0;
    MappedByteBuffer shm = null;
    while (true) {
      int op = in.readInt();
      long started = System.nanoTime();
      if (pending > 0 && op != PoolProtocol.CHUNK_PIPE && op != PoolProtocol.CHUNK_SHM) {
        out.write(response, 0, pending);
        pending = 0;
      }
      switch (op) {
        case PoolProtocol.EXIT -> {
          return;
        }
        case PoolProtocol.MAP_SHM -> {
          byte[] path = in.readBytes(in.readInt());
          try (FileChannel ch =
              FileChannel.open(
                  Path.of(new String(path, StandardCharsets.UTF_8)), StandardOpenOption.READ)) {
            shm = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
          }
        }
        case PoolProtocol.CHUNK_PIPE, PoolProtocol.CHUNK_SHM -> {
          int count = in.readInt();
          int resultBytes = in.readInt();
          if (digests.length < count) {
            digests = new long[count];
          }
          for (int t = 0; t < count; t++) {
            long seed = in.readLong();
            long compute = in.readLong();
            int payloadLen = in.readInt();
            long hash;
            if (op == PoolProtocol.CHUNK_PIPE) {
              hash = in.hashPayload(payloadLen);
            } else {
              long offset = in.readLong();
              if (shm == null) {
                throw new IOException("shm chunk before MAP_SHM");
              }
              ByteBuffer view = shm.duplicate();
              view.position(Math.toIntExact(offset)).limit(Math.toIntExact(offset + payloadLen));
              hash = Kernel.hashPayload(view);
            }
            digests[t] = Kernel.digest(seed, Kernel.compute(seed, compute), hash);
          }
          int length = Math.toIntExact(PoolProtocol.resultsLength(count, resultBytes));
          if (response.length < pending + length) {
            response = Arrays.copyOf(response, pending + length);
          }
          PoolProtocol.putInt(response, pending, PoolProtocol.RESULTS);
          PoolProtocol.putInt(response, pending + 4, count);
          for (int t = 0; t < count; t++) {
            Kernel.writeResult(response, pending + 8 + t * resultBytes, resultBytes, digests[t]);
          }
          // A quick chunk whose successor is already here answers together with it: one write
          // and one driver wake-up for two chunks. Only one answer waits, only a small one, and
          // only when the chunk took less than a round trip, so no driver waits long for it.
          boolean hold =
              pending == 0
                  && length <= COALESCE_BYTES
                  && in.buffered() >= 4
                  && System.nanoTime() - started < coalesceNanos;
          pending += length;
          if (!hold) {
            out.write(response, 0, pending);
            pending = 0;
          }
        }
        default -> throw new IOException("unknown request " + op);
      }
    }
  }
}
