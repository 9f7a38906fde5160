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
          rawOut);
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
  static void serve(ChannelReader in, OutputStream out) throws IOException {
    byte[] response = new byte[0];
    long[] digests = new long[0];
    MappedByteBuffer shm = null;
    while (true) {
      int op = in.readInt();
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
          if (response.length < length) {
            response = new byte[length];
          }
          PoolProtocol.putInt(response, 0, PoolProtocol.RESULTS);
          PoolProtocol.putInt(response, 4, count);
          for (int t = 0; t < count; t++) {
            Kernel.writeResult(response, 8 + t * resultBytes, resultBytes, digests[t]);
          }
          out.write(response, 0, length);
          out.flush();
        }
        default -> throw new IOException("unknown request " + op);
      }
    }
  }
}
