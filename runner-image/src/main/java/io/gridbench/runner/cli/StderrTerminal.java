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

  /** Columns assumed when the terminal does not say: the classic width, which never wraps. */
  static final int DEFAULT_WIDTH = 80;

  /**
   * The terminal's width from {@code COLUMNS} (shells set it; the {@code gridbench} script exports
   * it from {@code stty size}), else {@link #DEFAULT_WIDTH}. A JVM cannot ask the terminal itself
   * without a native library.
   */
  static int width() {
    return width(System.getenv("COLUMNS"));
  }

  static int width(String columns) {
    if (columns != null) {
      try {
        int n = Integer.parseInt(columns.strip());
        if (n >= 10 && n <= 10_000) {
          return n;
        }
      } catch (NumberFormatException e) {
        // Not a width: the default below.
      }
    }
    return DEFAULT_WIDTH;
  }

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
