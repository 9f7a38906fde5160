package io.gridbench.runner.strategy.process;

import io.gridbench.runner.workload.Kernel;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A ProcessPool worker process: reads chunks of tasks from stdin, runs the kernel, writes results
 * to stdout. It exits when stdin closes, so a dead driver never leaves it behind.
 */
public final class PoolWorkerMain {

  /** The read buffer: large enough that a pipe's worth of payload arrives in one read. */
  private static final int READ_BUFFER = 1 << 20;

  private PoolWorkerMain() {}

  public static void main(String[] args) {
    // stdout carries the protocol; anything printed by accident must not corrupt it.
    FileOutputStream rawOut = new FileOutputStream(FileDescriptor.out);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    ChannelReader in =
        new ChannelReader(new FileInputStream(FileDescriptor.in).getChannel(), READ_BUFFER);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(rawOut, 1 << 16));
    try {
      serve(in, out);
      System.exit(0);
    } catch (EOFException e) {
      System.exit(0);
    } catch (IOException | RuntimeException e) {
      System.err.println("gridbench pool worker: " + e);
      System.exit(3);
    }
  }

  static void serve(ChannelReader in, DataOutputStream out) throws IOException {
    out.writeInt(PoolProtocol.READY);
    out.flush();
    byte[] results = new byte[0];
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
                  Path.of(new String(path, java.nio.charset.StandardCharsets.UTF_8)),
                  StandardOpenOption.READ)) {
            shm = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
          }
        }
        case PoolProtocol.CHUNK_PIPE, PoolProtocol.CHUNK_SHM -> {
          int count = in.readInt();
          int[] sizes = new int[count];
          int total = 0;
          long[] digests = new long[count];
          for (int t = 0; t < count; t++) {
            long seed = in.readLong();
            long compute = in.readLong();
            int resultBytes = in.readInt();
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
            sizes[t] = resultBytes;
            total += resultBytes;
          }
          if (results.length < total) {
            results = new byte[total];
          }
          int pos = 0;
          for (int t = 0; t < count; t++) {
            Kernel.writeResult(results, pos, sizes[t], digests[t]);
            pos += sizes[t];
          }
          out.writeInt(PoolProtocol.RESULTS);
          out.writeInt(count);
          pos = 0;
          for (int t = 0; t < count; t++) {
            out.writeInt(sizes[t]);
            out.write(results, pos, sizes[t]);
            pos += sizes[t];
          }
          out.flush();
        }
        default -> throw new IOException("unknown request " + op);
      }
    }
  }
}
