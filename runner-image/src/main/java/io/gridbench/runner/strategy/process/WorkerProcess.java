package io.gridbench.runner.strategy.process;

import io.gridbench.runner.workload.CellWork;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One worker JVM of a ProcessPool and the two pipes to it. */
final class WorkerProcess {
  private static final int PIPE_BUFFER = 1 << 16;
  // Payloads at least this long go to the pipe straight from the cell's array, not via request.
  private static final int COPY_LIMIT = 4096;

  private final int index;
  private final Process process;
  private final OutputStream out;
  private final ChannelReader in;
  // One request's header fields (and small payloads), written with one call.
  private final byte[] request = new byte[PIPE_BUFFER];

  private WorkerProcess(int index, Process process) {
    this.index = index;
    this.process = process;
    this.out = process.getOutputStream();
    this.in = new ChannelReader(Channels.newChannel(process.getInputStream()), PIPE_BUFFER);
  }

  /**
   * Starts a worker JVM with {@code classpath} (see {@link WorkerJar}); does not wait for it to be
   * ready. A {@code shortLived} worker serves one cell of a rebuilt pool.
   */
  static WorkerProcess start(int index, String classpath, boolean shortLived) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(classpath, shortLived));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new WorkerProcess(index, pb.start());
  }

  /**
   * The worker's command line. A worker runs one thread of kernel code: the serial collector and a
   * small heap floor keep its footprint and start-up small. A short-lived worker also gets raised
   * tier-3 invocation thresholds, which keep C1 from compiling the JDK's start-up code, a fifth of
   * a fresh worker's CPU time (perf: 47-50 to 42 ms); its kernel loops still reach C2 through their
   * back-edge counters. A reused pool's workers keep the defaults: with the raised thresholds its
   * warm-up compiled less of the per-task path and a small cell cost 92-102 instead of 62-68 µs.
   * Options measured and left out are listed in docs/process-pool.md: an AppCDS archive of the
   * worker's classes (no gain over the JDK's default archive) and {@code -XX:TieredStopAtLevel=1}
   * (halves the kernel's speed).
   */
  static List<String> command(String classpath, boolean shortLived) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+PerfDisableSharedMem");
    command.add("-Xms64m");
    if (shortLived) {
      command.add("-XX:Tier3InvocationThreshold=2000");
      command.add("-XX:Tier3MinInvocationThreshold=1000");
      command.add("-XX:Tier3CompileThreshold=5000");
    }
    // The JVM's own log lines go to stdout by default, where they would corrupt the protocol.
    command.add("-Xlog:disable");
    command.add("-Xlog:all=warning:stderr");
    command.add("-cp");
    command.add(classpath);
    command.add(PoolWorkerMain.class.getName());
    return command;
  }

  /** Tells the worker to map the shared segment at {@code path}; sent with the next chunk. */
  void mapSegment(byte[] path) throws IOException {
    byte[] header = new byte[8];
    PoolProtocol.putInt(header, 0, PoolProtocol.MAP_SHM);
    PoolProtocol.putInt(header, 4, path.length);
    out.write(header);
    out.write(path);
  }

  /**
   * Sends tasks {@code [first, last)} of {@code cell} as one chunk: with {@code shm} their offsets
   * in the cell's segment, otherwise their payloads.
   */
  void sendChunk(CellWork cell, int first, int last, boolean shm) throws IOException {
    int payload = cell.payloadBytes();
    int taskBytes = PoolProtocol.TASK_HEADER + (shm ? PoolProtocol.SHM_OFFSET : 0);
    byte[] buf = request;
    PoolProtocol.putInt(buf, 0, shm ? PoolProtocol.CHUNK_SHM : PoolProtocol.CHUNK_PIPE);
    PoolProtocol.putInt(buf, 4, last - first);
    PoolProtocol.putInt(buf, 8, cell.resultBytes());
    int pos = PoolProtocol.CHUNK_HEADER;
    boolean copy = !shm && payload < COPY_LIMIT;
    for (int t = first; t < last; t++) {
      if (pos + taskBytes + (copy ? payload : 0) > buf.length) {
        out.write(buf, 0, pos);
        pos = 0;
      }
      PoolProtocol.putLong(buf, pos, cell.seed(t));
      PoolProtocol.putLong(buf, pos + 8, cell.compute());
      PoolProtocol.putInt(buf, pos + 16, payload);
      pos += PoolProtocol.TASK_HEADER;
      if (shm) {
        PoolProtocol.putLong(buf, pos, (long) t * payload);
        pos += PoolProtocol.SHM_OFFSET;
      } else if (copy) {
        System.arraycopy(cell.payload(t), 0, buf, pos, payload);
        pos += payload;
      } else {
        out.write(buf, 0, pos);
        pos = 0;
        out.write(cell.payload(t));
      }
    }
    out.write(buf, 0, pos);
    out.flush();
  }

  /**
   * Reads the results of tasks {@code [first, last)} and returns the xor of their digests. Only a
   * result's first 8 bytes (its digest) are decoded; the filler is skipped in the read buffer.
   */
  long receiveChunk(CellWork cell, int first, int last) throws IOException {
    int tag = in.readInt();
    int count = in.readInt();
    if (tag != PoolProtocol.RESULTS || count != last - first) {
      throw new IOException("protocol error: got tag " + tag + " with " + count + " results");
    }
    long checksum = 0;
    int filler = cell.resultBytes() - 8;
    for (int t = first; t < last; t++) {
      checksum ^= in.readLongLittleEndian();
      in.skip(filler);
    }
    return checksum;
  }

  /** Closes the worker's stdin, as a driver that dies does. */
  void closeInput() throws IOException {
    out.close();
  }

  /** Blocks until the worker announces itself on its stdout. */
  void awaitReady() throws IOException {
    int hello = in.readInt();
    if (hello != PoolProtocol.READY) {
      throw new IOException("worker " + describe() + " sent " + hello + " instead of READY");
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** "worker 2 (pid 1234, exit status 137)" or "(still running)". */
  String describe() {
    String state;
    try {
      state =
          process.waitFor(2, TimeUnit.SECONDS)
              ? "exit status " + process.exitValue()
              : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state = "state unknown";
    }
    return "worker " + index + " (pid " + process.pid() + ", " + state + ")";
  }

  /** Asks the worker to exit, then makes sure it has: no orphan survives {@code stop}. */
  void stop() {
    try {
      if (process.isAlive()) {
        byte[] exit = new byte[4];
        PoolProtocol.putInt(exit, 0, PoolProtocol.EXIT);
        out.write(exit);
        out.flush();
      }
    } catch (IOException ignored) {
      // The worker is already gone or its pipe is broken; destroying it below covers both.
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    closeQuietly();
  }

  /** Kills the worker at once. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      out.close();
    } catch (IOException ignored) {
      // Closing a pipe to a dead process can fail; there is nothing left to flush.
    }
    try {
      process.getInputStream().close();
    } catch (IOException ignored) {
      // As above.
    }
  }
}
