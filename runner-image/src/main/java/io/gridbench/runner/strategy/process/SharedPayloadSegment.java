package io.gridbench.runner.strategy.process;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A memory-mapped file under /dev/shm (or the temp directory where there is none) that the driver
 * writes payloads into and the workers map read-only: the Java counterpart of Python's {@code
 * multiprocessing.shared_memory}.
 */
final class SharedPayloadSegment implements AutoCloseable {
  private static final Path SHM = Path.of("/dev/shm");

  private final Path file;
  private final MappedByteBuffer buffer;
  private final long capacity;

  private SharedPayloadSegment(Path file, MappedByteBuffer buffer, long capacity) {
    this.file = file;
    this.buffer = buffer;
    this.capacity = capacity;
  }

  static SharedPayloadSegment create(long capacity) throws IOException {
    if (capacity > Integer.MAX_VALUE) {
      throw new IOException("a shared payload segment holds at most 2 GiB, asked for " + capacity);
    }
    Path dir =
        Files.isDirectory(SHM) && Files.isWritable(SHM)
            ? SHM
            : Path.of(System.getProperty("java.io.tmpdir"));
    Path file = Files.createTempFile(dir, "gridbench-shm-", ".payload");
    // A run stopped with Ctrl-C must not leave up to a GiB of payloads in tmpfs.
    file.toFile().deleteOnExit();
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      MappedByteBuffer buffer = ch.map(FileChannel.MapMode.READ_WRITE, 0, Math.max(1, capacity));
      return new SharedPayloadSegment(file, buffer, capacity);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  Path file() {
    return file;
  }

  long capacity() {
    return capacity;
  }

  /** Copies {@code payload} to {@code offset}; each caller writes its own disjoint range. */
  void put(long offset, byte[] payload) {
    buffer.duplicate().position(Math.toIntExact(offset)).put(payload);
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Best effort: the file lives in tmpfs and holds only generated payloads.
    }
  }
}
