package io.gridbench.runner.strategy.ray;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The directories a driver's {@code Ray.init} leaves under {@code /tmp/ray}: the first init of a
 * JVM extracts Ray's 31-41 MiB native library there and never removes it. LOCAL mode names them
 * {@code session_local_mode_<time>_<pid>}, a CLUSTER driver {@code <epoch millis>}. A run removes
 * those that match and did not exist before its init, and nothing else; the library is loaded by
 * then, and Linux keeps a loaded file alive after it is unlinked.
 */
final class RayScratchDirs {
  static final Path RAY_ROOT = Path.of("/tmp/ray");

  private final Path root;
  private final String glob;
  private final Predicate<String> ours;
  private final boolean rootExisted;
  private final Set<Path> before;

  private RayScratchDirs(Path root, String glob, Predicate<String> ours) {
    this.root = root;
    this.glob = glob;
    this.ours = ours;
    this.rootExisted = Files.isDirectory(root);
    this.before = list();
  }

  /** Remembers the LOCAL-mode session directories of {@code pid} under {@code root}. */
  static RayScratchDirs localSessions(Path root, long pid) {
    String suffix = "_" + pid;
    return new RayScratchDirs(root, "session_local_mode_*", name -> name.endsWith(suffix));
  }

  /**
   * Remembers the CLUSTER-driver library directories under {@code root}: named by the time in
   * milliseconds, no pid, so any that appears between this snapshot and {@link #deleteNew} counts
   * as ours. Call it right around {@code Ray.init}.
   */
  static RayScratchDirs driverLibraries(Path root) {
    return new RayScratchDirs(root, "[0-9]*", name -> name.chars().allMatch(Character::isDigit));
  }

  /**
   * Deletes the matching directories created since the snapshot, and {@code root} itself when the
   * snapshot found none and it is empty now. Returns how many session directories it deleted.
   */
  int deleteNew() {
    int deleted = 0;
    for (Path dir : list()) {
      if (!before.contains(dir) && deleteTree(dir)) {
        deleted++;
      }
    }
    if (!rootExisted) {
      try {
        Files.deleteIfExists(root);
      } catch (IOException notEmptyOrGone) {
        // Something else (a Ray cluster, another run) uses the directory now: it stays.
      }
    }
    return deleted;
  }

  private Set<Path> list() {
    Set<Path> dirs = new HashSet<>();
    if (!Files.isDirectory(root)) {
      return dirs;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, glob)) {
      for (Path p : stream) {
        if (ours.test(p.getFileName().toString()) && Files.isDirectory(p)) {
          dirs.add(p);
        }
      }
    } catch (IOException e) {
      // Unreadable root: there is nothing we could delete either.
    }
    return dirs;
  }

  private static boolean deleteTree(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
