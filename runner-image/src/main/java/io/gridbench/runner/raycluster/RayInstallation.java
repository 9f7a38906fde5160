package io.gridbench.runner.raycluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Ray installation of this node: a Python interpreter whose {@code ray} package carries {@code
 * jars/ray_dist.jar}, the Java API and runtime of exactly the cluster's Ray version. A Java driver
 * must run that runtime, never the one the runner jar ships (Ray's driver and cluster speak a
 * version-private protocol).
 *
 * <p>Looked for, in order: {@code --ray-python} (or {@code $GRIDBENCH_RAY_PYTHON}); the {@code
 * python3} beside the {@code ray} command on PATH (a venv's bin directory); {@code python3} on
 * PATH. {@code $GRIDBENCH_RAY_JARS} names the jars directory directly, where no Python is wanted (a
 * driver on a node whose image holds the jars); it serves CLUSTER mode only, since starting a head
 * needs Python.
 */
public record RayInstallation(Optional<Path> python, String version, Path distJar) {

  /** The environment variable naming the Python interpreter whose {@code ray} to use. */
  public static final String PYTHON_ENV = "GRIDBENCH_RAY_PYTHON";

  /** The environment variable naming a directory holding {@code ray_dist.jar} (or the jar). */
  public static final String JARS_ENV = "GRIDBENCH_RAY_JARS";

  private static final String DIST_JAR = "ray_dist.jar";

  /** Prints {@code version} and {@code package directory}, one per line. */
  private static final String PROBE =
      "import os, ray; print(ray.__version__); print(os.path.dirname(ray.__file__))";

  private static final long PROBE_SECONDS = 60;

  /**
   * Finds Ray from {@code explicitPython} (an option), else {@code env} and {@code PATH}. Throws
   * with one line naming every place looked at and what each held.
   */
  public static RayInstallation find(Optional<Path> explicitPython, Map<String, String> env)
      throws RayUnavailableException {
    List<String> tried = new ArrayList<>();
    String jars = env.get(JARS_ENV);
    if (explicitPython.isEmpty() && jars != null && !jars.isBlank()) {
      return fromJars(Path.of(jars), tried);
    }
    for (Path python : candidates(explicitPython, env)) {
      Optional<RayInstallation> found = probe(python, tried);
      if (found.isPresent()) {
        return found.get();
      }
      if (explicitPython.isPresent() || env.containsKey(PYTHON_ENV)) {
        break; // a named interpreter is the only one wanted
      }
    }
    throw new RayUnavailableException(
        "no usable Ray installation: looked for "
            + DIST_JAR
            + " of the 'ray' Python package via "
            + String.join("; ", tried)
            + ". Install it with: pip install ray==2.58.0 (in a venv on PATH, or name it with"
            + " --ray-python / $"
            + PYTHON_ENV
            + ").");
  }

  /** The interpreters to ask, in order, without duplicates. */
  static List<Path> candidates(Optional<Path> explicitPython, Map<String, String> env) {
    Set<Path> out = new LinkedHashSet<>();
    if (explicitPython.isPresent()) {
      out.add(explicitPython.get());
      return List.copyOf(out);
    }
    String named = env.get(PYTHON_ENV);
    if (named != null && !named.isBlank()) {
      out.add(Path.of(named));
      return List.copyOf(out);
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ray"))) {
        Path beside = Path.of(dir, "python3");
        if (Files.isExecutable(beside)) {
          out.add(beside);
        }
      }
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
        out.add(Path.of(dir, "python3"));
        break;
      }
    }
    return List.copyOf(out);
  }

  private static Optional<RayInstallation> probe(Path python, List<String> tried) {
    Process p;
    try {
      p =
          new ProcessBuilder(python.toString(), "-c", PROBE)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      p.getOutputStream().close();
    } catch (IOException e) {
      tried.add(python + " (cannot run)");
      return Optional.empty();
    }
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        tried.add(python + " (no answer in " + PROBE_SECONDS + " s)");
        return Optional.empty();
      }
      List<String> lines = output.strip().lines().toList();
      if (p.exitValue() != 0 || lines.size() < 2) {
        tried.add(python + " (no 'ray' package)");
        return Optional.empty();
      }
      String version = lines.get(lines.size() - 2).strip();
      Path jar = Path.of(lines.get(lines.size() - 1).strip(), "jars", DIST_JAR);
      if (!Files.isRegularFile(jar)) {
        tried.add(python + " (ray " + version + " without jars/" + DIST_JAR + ")");
        return Optional.empty();
      }
      return Optional.of(new RayInstallation(Optional.of(python), version, jar.toAbsolutePath()));
    } catch (IOException e) {
      tried.add(python + " (" + e.getMessage() + ")");
      return Optional.empty();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      tried.add(python + " (interrupted)");
      return Optional.empty();
    }
  }

  private static RayInstallation fromJars(Path jars, List<String> tried)
      throws RayUnavailableException {
    Path jar = Files.isDirectory(jars) ? jars.resolve(DIST_JAR) : jars;
    if (!Files.isRegularFile(jar)) {
      throw new RayUnavailableException(
          "$"
              + JARS_ENV
              + "="
              + jars
              + " holds no "
              + DIST_JAR
              + "; name the 'ray' package's jars"
              + " directory, e.g. .../site-packages/ray/jars.");
    }
    return new RayInstallation(Optional.empty(), versionBeside(jar), jar.toAbsolutePath());
  }

  /**
   * The version pip recorded beside the package ({@code site-packages/ray-X.Y.Z.dist-info} for
   * {@code site-packages/ray/jars/ray_dist.jar}): the jar itself carries none.
   */
  static String versionBeside(Path jar) {
    Path sitePackages = jar.toAbsolutePath().getParent().getParent().getParent();
    if (sitePackages != null) {
      try (var dirs = Files.newDirectoryStream(sitePackages, "ray-*.dist-info")) {
        for (Path d : dirs) {
          String name = d.getFileName().toString();
          return name.substring("ray-".length(), name.length() - ".dist-info".length());
        }
      } catch (IOException e) {
        // No readable record: the version stays unknown.
      }
    }
    return "unknown";
  }

  /** The interpreter, or a one-line reason why this installation cannot start a node. */
  public Path requirePython() throws RayUnavailableException {
    return python.orElseThrow(
        () ->
            new RayUnavailableException(
                "starting a Ray node needs the 'ray' Python package; $"
                    + JARS_ENV
                    + " names only its jars. Unset it, or name the Python with --ray-python."));
  }

  @Override
  public String toString() {
    return "Ray " + version + " (" + distJar + ")";
  }
}
