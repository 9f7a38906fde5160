package io.gridbench.runner.strategy.python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Python worker program the runner ships ({@code gridbench_worker.py}, standard library only),
 * written to a private temporary file for one strategy: Python's {@code spawn} and {@code
 * forkserver} start methods re-import the main module from its path, so it must be a real file.
 */
final class WorkerProgram implements AutoCloseable {
  static final String RESOURCE = "gridbench_worker.py";

  private final Path file;

  private WorkerProgram(Path file) {
    this.file = file;
  }

  /** Writes the program to a new file only this user can read. */
  static WorkerProgram extract() throws IOException {
    Path file =
        Files.createTempFile(
            "gridbench-worker-",
            ".py",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (InputStream in = source()) {
      Files.write(file, in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new WorkerProgram(file);
  }

  /** The program's text, from the runner's own jar. */
  static InputStream source() throws IOException {
    InputStream in = WorkerProgram.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IOException(RESOURCE + " is missing from the runner's classpath");
    }
    return in;
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A file left in the temp directory is harmless; the strategy's results are not.
    }
  }
}
