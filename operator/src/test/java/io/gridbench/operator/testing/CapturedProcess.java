package io.gridbench.operator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's command-line tool (kubectl, helm, the node scripts) to completion with its output
 * captured; a command that outlives its timeout is killed with its children and fails the test.
 */
public final class CapturedProcess {

  /** How a command exited and what it printed. */
  public record Output(int exitCode, String stdout, String stderr) {}

  private CapturedProcess() {}

  /**
   * Starts {@code builder} (its output redirections are replaced) and waits at most {@code
   * timeout}. Output goes through temporary files, not pipes, so a chatty command never blocks on a
   * full pipe while the test waits for it; the files are deleted either way.
   */
  public static Output run(ProcessBuilder builder, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("gridbench-cmd", ".out");
    Path err = Files.createTempFile("gridbench-cmd", ".err");
    try {
      Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "did not finish within "
                + timeout.toSeconds()
                + " s: "
                + String.join(" ", builder.command())
                + "\n"
                + Files.readString(out, StandardCharsets.UTF_8)
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Output(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
