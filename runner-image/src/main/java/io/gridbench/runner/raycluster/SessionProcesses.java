package io.gridbench.runner.raycluster;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live processes of one Linux session, read from {@code /proc}: what a {@code setsid}-started
 * process and all its descendants share, even those whose parent died (a Ray worker outliving its
 * raylet is reparented to init, and leaves the process tree, but not the session).
 */
final class SessionProcesses {
  private static final Path PROC = Path.of("/proc");

  private SessionProcesses() {}

  /** Every live process whose session id is {@code sid}, the leader included. */
  static List<ProcessHandle> of(long sid) {
    List<ProcessHandle> found = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path dir : dirs) {
        if (sessionOf(dir).orElse(-1L) == sid) {
          ProcessHandle.of(Long.parseLong(dir.getFileName().toString()))
              .filter(ProcessHandle::isAlive)
              .ifPresent(found::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      // No /proc (not Linux): only the process tree is known, through ProcessHandle.
      ProcessHandle.of(sid).ifPresent(p -> p.descendants().forEach(found::add));
    }
    return found;
  }

  /**
   * The session field of {@code /proc/PID/stat}: the 4th after the command name, which is in
   * parentheses and may itself hold spaces and parentheses.
   */
  static Optional<Long> sessionOf(Path procDir) {
    try {
      String stat = Files.readString(procDir.resolve("stat"));
      String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(Long.parseLong(after[3]));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }
}
