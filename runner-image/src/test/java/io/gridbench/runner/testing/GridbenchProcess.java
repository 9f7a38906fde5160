package io.gridbench.runner.testing;

import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.SweepResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code gridbench} command run as users run it: {@code java -jar gridbench-runner.jar}, in a
 * process of its own (the Ray driver it launches must load the cluster's Ray jars, which this test
 * JVM cannot), output in files under {@code dir}.
 */
public final class GridbenchProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private GridbenchProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** The shaded jar of this build (failsafe runs after package). */
  public static Path jar() {
    return Path.of(System.getProperty("gridbench.runner.jar", "target/gridbench-runner.jar"))
        .toAbsolutePath();
  }

  public static GridbenchProcess start(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "gridbench", ".out");
    Path err = Files.createTempFile(dir, "gridbench", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    return new GridbenchProcess(p, out, err);
  }

  /** Waits for the exit status; fails the test (after killing the run) past {@code timeout}. */
  public int await(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new AssertionError(
          "gridbench did not finish within " + timeout.toSeconds() + " s; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  public String stdout() throws IOException {
    return Files.readString(out);
  }

  public String stderr() throws IOException {
    return Files.readString(err);
  }

  public SweepResults results() throws IOException {
    return ResultsJson.mapper().readValue(out.toFile(), SweepResults.class);
  }

  public Process process() {
    return process;
  }

  /**
   * Sends SIGINT to the run's own PID, as Ctrl-C delivers it. Fails at once, saying why, when the
   * run ignores SIGINT: a build started with {@code &} from a non-interactive shell hands that on
   * to every process it starts, and the run would never see the signal.
   */
  public void interrupt() throws IOException, InterruptedException {
    long pid = process.pid();
    if (ignoresSigint(pid)) {
      throw new AssertionError(
          "gridbench (pid "
              + pid
              + ") ignores SIGINT, so Ctrl-C cannot be tested: this build was started from a"
              + " non-interactive shell with '&', which makes every child ignore SIGINT; run"
              + " ./mvnw in the foreground");
    }
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -INT " + pid + " failed");
    }
  }

  /** Whether process {@code pid} ignores SIGINT (its {@code SigIgn} mask in /proc). */
  static boolean ignoresSigint(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("SigIgn:")) {
        long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
        return (ignored & (1L << (SIGINT - 1))) != 0;
      }
    }
    throw new IOException("no SigIgn line in /proc/" + pid + "/status");
  }

  private static final int SIGINT = 2;

  /** Stops the run by its PID, as Ctrl-C would (SIGTERM runs the same shutdown hooks). */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
