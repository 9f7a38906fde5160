package io.gridbench.runner.strategy.process;

import io.gridbench.runner.workload.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ProcessPool worker's own few classes as a small jar, so that a worker JVM opens a 10 kB
 * classpath instead of the runner's 65 MB one: that alone took a worker's start from about 245 to
 * 85 ms (wall, to {@code main}) and its CPU time from 80-117 to 44-49 ms on the development VM.
 *
 * <p>The jar is built from the classes this JVM runs, named by its SHA-256 and kept in a directory
 * only this user can write ({@code gridbench.pool.workerDir}, default {@code
 * java.io.tmpdir/gridbench-USER}, refused when others may write to it); before every use its bytes
 * are compared with the ones this JVM would write, so a worker never runs classes other than the
 * driver's. When the directory cannot be used the workers start from the full classpath, slower but
 * alike, and the reason is logged at debug level.
 */
final class WorkerJar {
  /** Every class the worker loads from the application: nothing else is on its classpath. */
  static final List<Class<?>> CLASSES =
      List.of(PoolWorkerMain.class, ChannelReader.class, PoolProtocol.class, Kernel.class);

  private static final Logger LOG = LoggerFactory.getLogger(WorkerJar.class);
  // Fixed entry times make the jar, and so its name, a function of the classes alone.
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  private WorkerJar() {}

  /** The worker classpath: the worker jar in {@code dir}, else this JVM's own classpath. */
  static String classpath(Path dir) {
    try {
      return install(dir).toString();
    } catch (IOException | UncheckedIOException e) {
      LOG.debug(
          "ProcessPool workers start from the full classpath: the worker jar cannot be kept in {}:"
              + " {}",
          dir,
          e.toString());
      return System.getProperty("java.class.path");
    }
  }

  /** The default directory: {@code gridbench.pool.workerDir}, else a per-user temp directory. */
  static Path defaultDir() {
    String configured = System.getProperty("gridbench.pool.workerDir");
    return configured != null
        ? Path.of(configured)
        : Path.of(
            System.getProperty("java.io.tmpdir"), "gridbench-" + System.getProperty("user.name"));
  }

  /** Writes the worker jar into {@code dir} unless an identical one is there; returns its path. */
  static Path install(Path dir) throws IOException {
    byte[] jar = contents();
    Path file = dir.resolve("pool-worker-" + HexFormat.of().formatHex(sha256(jar), 0, 12) + ".jar");
    ensureDirectory(dir);
    // Written aside and moved in, so a worker started by another driver never sees half a jar.
    Path partial = Files.createTempFile(dir, "pool-worker-", ".partial");
    try {
      // Only the user who runs the driver may be able to put classes into its workers.
      UserPrincipal self = Files.getOwner(partial, LinkOption.NOFOLLOW_LINKS);
      UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
      if (!owner.equals(self)) {
        throw new IOException(
            dir + " belongs to " + owner.getName() + ", not to " + self.getName());
      }
      if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (mode.contains(PosixFilePermission.GROUP_WRITE)
            || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new IOException(dir + " is writable by other users");
        }
      }
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          && Arrays.equals(Files.readAllBytes(file), jar)) {
        return file;
      }
      Files.write(partial, jar);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** The jar's bytes: the worker classes as this JVM loaded them, in a fixed order. */
  static byte[] contents() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Class<?> c : CLASSES) {
        String name = c.getName().replace('.', '/') + ".class";
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        try (InputStream in = c.getResourceAsStream("/" + name)) {
          if (in == null) {
            throw new IOException("class file " + name + " is not readable as a resource");
          }
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void ensureDirectory(Path dir) throws IOException {
    if (Files.isSymbolicLink(dir)) {
      throw new IOException(dir + " is a symbolic link");
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
