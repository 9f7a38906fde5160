package io.gridbench.runner.strategy.python;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Python 3 interpreter that runs the Python strategies' worker program: {@code --python}, else
 * {@code $GRIDBENCH_PYTHON}, else {@code python3} on PATH. The Python Ray strategies run the Python
 * of the Ray installation instead ({@code $GRIDBENCH_RAY_PYTHON}), whose {@code ray} matches the
 * cluster's.
 */
public record PythonInterpreter(Path path, String version) {

  /** The environment variable naming the interpreter of the PythonPool strategies. */
  public static final String PYTHON_ENV = "GRIDBENCH_PYTHON";

  /** The oldest Python the worker program runs on. */
  static final int MIN_MINOR = 8;

  private static final String PROBE =
      "import sys; print('%d.%d.%d' % sys.version_info[:3]); print(sys.version_info[1])";

  private static final long PROBE_SECONDS = 30;

  /**
   * Finds and probes the interpreter; throws one line naming where it looked and what to install.
   */
  public static PythonInterpreter find(Optional<Path> explicit, Map<String, String> env)
      throws PythonUnavailableException {
    if (explicit.isPresent()) {
      return probe(explicit.get(), "--python " + explicit.get());
    }
    String named = env.get(PYTHON_ENV);
    if (named != null && !named.isBlank()) {
      return probe(Path.of(named), "$" + PYTHON_ENV + "=" + named);
    }
    return probe(onPath("python3", env), "python3 on PATH");
  }

  /** {@code name} in the first PATH directory that has it executable, else {@code name} itself. */
  static Path onPath(String name, Map<String, String> env) {
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name);
      }
    }
    return Path.of(name);
  }

  /** Runs {@code python} once to learn its version; {@code source} says where it came from. */
  public static PythonInterpreter probe(Path python, String source)
      throws PythonUnavailableException {
    String install =
        " Install Python 3."
            + MIN_MINOR
            + " or later (e.g. `apt-get install python3`) or name one with --python or $"
            + PYTHON_ENV
            + ".";
    Process p;
    try {
      p =
          new ProcessBuilder(python.toString(), "-c", PROBE)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new PythonUnavailableException(
          "the Python strategies need python3, but " + source + " cannot be run." + install);
    }
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new PythonUnavailableException(
            "the Python strategies need python3, but " + source + " did not run." + install);
      }
      var lines = output.strip().lines().toList();
      String version = lines.get(0).strip();
      if (!version.startsWith("3.") || Integer.parseInt(lines.get(1).strip()) < MIN_MINOR) {
        throw new PythonUnavailableException(
            "the Python strategies need python3, but "
                + source
                + " is Python "
                + version
                + "."
                + install);
      }
      return new PythonInterpreter(python, version);
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw new PythonUnavailableException(
          "the Python strategies need python3, but "
              + source
              + " answered oddly ("
              + e
              + ")."
              + install);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new PythonUnavailableException("interrupted while probing " + source);
    }
  }

  @Override
  public String toString() {
    return "Python " + version + " (" + path + ")";
  }
}
