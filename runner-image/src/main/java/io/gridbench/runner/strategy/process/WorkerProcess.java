package io.gridbench.runner.strategy.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One worker JVM of a ProcessPool and the two pipes to it. */
final class WorkerProcess {
  private static final int PIPE_BUFFER = 1 << 16;

  private final int index;
  private final Process process;
  final DataOutputStream out;
  final DataInputStream in;

  private WorkerProcess(int index, Process process) {
    this.index = index;
    this.process = process;
    this.out =
        new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), PIPE_BUFFER));
    this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), PIPE_BUFFER));
  }

  /** Starts a worker JVM from this JVM's own classpath; does not wait for it to be ready. */
  static WorkerProcess start(int index) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    // A worker runs one thread of kernel code: the serial collector and a small heap floor keep
    // its footprint and start-up small without changing the kernel's compiled code.
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+PerfDisableSharedMem");
    command.add("-Xms64m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PoolWorkerMain.class.getName());
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new WorkerProcess(index, pb.start());
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
        out.writeInt(PoolProtocol.EXIT);
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
      in.close();
    } catch (IOException ignored) {
      // As above.
    }
  }
}
