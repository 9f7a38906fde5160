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

/**
 * The {@code session_local_mode_*} directories Ray's LOCAL mode leaves under {@code /tmp/ray}:
 * every first {@code Ray.init} of a JVM extracts a 31 MiB native library there and never removes
 * it. Ray names them {@code session_local_mode_<time>_<pid>}; a run removes those with its own pid
 * that did not exist before it started, and nothing else.
 */
final class LocalSessionDirs {
  static final Path RAY_ROOT = Path.of("/tmp/ray");

  private final Path root;
  private final String suffix;
  private final boolean rootExisted;
  private final Set<Path> before;

  private LocalSessionDirs(Path root, long pid) {
    this.root = root;
    this.suffix = "_" + pid;
    this.rootExisted = Files.isDirectory(root);
    this.before = list();
  }

  /** Remembers the session directories of {@code pid} under {@code root} that exist now. */
  static LocalSessionDirs snapshot(Path root, long pid) {
    return new LocalSessionDirs(root, pid);
  }

  /**
   * Deletes the directories of our pid created since the snapshot, and {@code root} itself when the
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
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, "session_local_mode_*")) {
      for (Path p : stream) {
        if (p.getFileName().toString().endsWith(suffix) && Files.isDirectory(p)) {
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
