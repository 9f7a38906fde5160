package io.gridbench.runner.strategy.python;

import io.gridbench.runner.workload.CellWork;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One running Python worker program and the two pipes to it. */
final class PythonWorker {
  private static final int PIPE_BUFFER = 1 << 16;
  private static final long EXIT_SECONDS = 15;

  private final Process process;
  private final DataOutputStream out;
  private final DataInputStream in;

  private PythonWorker(Process process) {
    this.process = process;
    this.out =
        new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), PIPE_BUFFER));
    this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), PIPE_BUFFER));
  }

  /** Starts {@code python program options...}; its stderr is the runner's. */
  static PythonWorker start(PythonInterpreter python, WorkerProgram program, List<String> options)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(python.path().toString());
    // Unbuffered: every response reaches the runner when it is written, not at exit.
    command.add("-u");
    command.add(program.file().toString());
    command.addAll(options);
    ProcessBuilder pb = new ProcessBuilder(command);
    // Set for the Java driver's native logs; Python's Ray would announce it on stderr.
    pb.environment().remove("RAY_BACKEND_LOG_LEVEL");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new PythonWorker(pb.start());
  }

  /** Blocks until the worker's pool or actors are up. */
  void awaitReady() throws IOException {
    expect(PythonProtocol.READY);
  }

  /** Hands the worker a cell's tasks, to hold for the RUNs that follow. */
  void sendCell(CellWork cell) throws IOException {
    out.writeInt(PythonProtocol.CELL);
    out.writeInt(cell.tasks());
    out.writeLong(cell.compute());
    out.writeInt(cell.payloadBytes());
    out.writeInt(cell.resultBytes());
    for (int t = 0; t < cell.tasks(); t++) {
      out.writeLong(cell.seed(t));
      out.write(cell.payload(t));
    }
    out.flush();
    expect(PythonProtocol.OK);
  }

  /** Runs the held cell once, in chunks of {@code chunkSize}; returns the xor of the digests. */
  long run(int tasks, int chunkSize) throws IOException {
    out.writeInt(PythonProtocol.RUN);
    out.writeInt(chunkSize);
    out.flush();
    expect(PythonProtocol.RESULT);
    int count = in.readInt();
    long checksum = in.readLong();
    if (count != tasks) {
      throw new IOException("protocol error: " + count + " results for " + tasks + " tasks");
    }
    return checksum;
  }

  private void expect(int response) throws IOException {
    int op = in.readInt();
    if (op == PythonProtocol.ERROR) {
      int length = in.readInt();
      if (length < 0 || length > PythonProtocol.MAX_MESSAGE) {
        throw new IOException("protocol error: an error message of " + length + " bytes");
      }
      byte[] message = new byte[length];
      in.readFully(message);
      throw new PythonWorkerException(new String(message, StandardCharsets.UTF_8));
    }
    if (op != response) {
      throw new IOException(
          String.format("protocol error: got response %#x, expected %#x", op, response));
    }
  }

  long pid() {
    return process.pid();
  }

  /** The worker's child processes (a PythonPool's pool processes), while it runs. */
  List<Long> childPids() {
    return process.descendants().map(ProcessHandle::pid).toList();
  }

  /** "pid 1234, exit status 137" or "pid 1234, still running". */
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
    return "pid " + process.pid() + ", " + state;
  }

  /** Why a read failed, in a few words. */
  static String cause(IOException e) {
    if (e instanceof PythonWorkerException) {
      return e.getMessage();
    }
    if (e instanceof EOFException) {
      return "its output pipe closed";
    }
    return e.getMessage() != null && e.getMessage().startsWith("protocol error")
        ? e.getMessage()
        : e.toString();
  }

  /** Asks the worker to exit, then makes sure it and its children have: no orphan survives. */
  void stop() {
    try {
      if (process.isAlive()) {
        out.writeInt(PythonProtocol.EXIT);
        out.flush();
      }
    } catch (IOException ignored) {
      // The worker is gone or its pipe is broken; kill() below covers both.
    }
    try {
      if (process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
        closeQuietly();
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
  }

  /**
   * Kills the worker and every process under it at once. The children are listed first: once the
   * worker is dead they are re-parented and no longer found under it.
   */
  void kill() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      for (ProcessHandle child : children) {
        child.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // A child that outlives SIGKILL for 5 s is beyond our reach; the kernel reaps it.
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
