package io.gridbench.runner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal. {@code System.console()} answers for stdin and stdout, which a user
 * typically redirects ({@code > results.txt}) while still watching the progress on stderr.
 */
final class StderrTerminal {
  private StderrTerminal() {}

  static boolean detect() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // No procfs: fall back to the JDK's view below.
    }
    return System.console() != null;
  }
}
