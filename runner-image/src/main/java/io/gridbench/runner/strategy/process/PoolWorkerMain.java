package io.gridbench.runner.strategy.process;

import io.gridbench.runner.workload.Kernel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
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

  /** Payloads are read and hashed in blocks this large (a multiple of 8, fits in L2). */
  private static final int BLOCK = 64 * 1024;

  private PoolWorkerMain() {}

  /**
   * Reads a payload from the pipe block by block and hashes each block as it arrives, so hashing
   * overlaps with the driver writing the rest. Equal to one pass over the whole payload.
   */
  private static long hashFromPipe(DataInputStream in, byte[] block, int len) throws IOException {
    long h = Kernel.FNV_OFFSET_BASIS;
    int remaining = len;
    while (remaining >= 8) {
      int n = Math.min(block.length, remaining & ~7);
      in.readFully(block, 0, n);
      h = Kernel.hashWords(h, block, 0, n);
      remaining -= n;
    }
    in.readFully(block, 0, remaining);
    return Kernel.hashTail(h, block, 0, remaining);
  }

  public static void main(String[] args) {
    // stdout carries the protocol; anything printed by accident must not corrupt it.
    FileOutputStream rawOut = new FileOutputStream(FileDescriptor.out);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
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

  static void serve(DataInputStream in, DataOutputStream out) throws IOException {
    out.writeInt(PoolProtocol.READY);
    out.flush();
    byte[] payload = new byte[BLOCK];
    byte[] results = new byte[0];
    MappedByteBuffer shm = null;
    while (true) {
      int op = in.readInt();
      switch (op) {
        case PoolProtocol.EXIT -> {
          return;
        }
        case PoolProtocol.MAP_SHM -> {
          byte[] path = new byte[in.readInt()];
          in.readFully(path);
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
              hash = hashFromPipe(in, payload, payloadLen);
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
