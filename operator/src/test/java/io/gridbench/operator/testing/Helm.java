package io.gridbench.operator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the {@code helm} binary on the chart {@code ../helm/gridbench}. Found in {@code
 * $GRIDBENCH_HELM}, then where {@code .ci/install-helm.sh} puts it, then on the PATH; a test
 * without helm is skipped with a message saying how to install it.
 */
public final class Helm {

  public static final Path CHART = Path.of("..", "helm", "gridbench");

  /** What a helm command printed, and whether it succeeded. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String orFail() {
      if (exitCode != 0) {
        throw new AssertionError("helm exited " + exitCode + ":\n" + stderr);
      }
      return stdout;
    }
  }

  private Helm() {}

  /** {@code helm args...} with the chart path wherever an argument is {@code CHART}. */
  public static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary());
    for (String a : args) {
      command.add("CHART".equals(a) ? CHART.toString() : a);
    }
    CapturedProcess.Output o =
        CapturedProcess.run(new ProcessBuilder(command), Duration.ofSeconds(60));
    return new Result(o.exitCode(), o.stdout(), o.stderr());
  }

  /** The manifests {@code helm template} renders for release {@code name} in {@code namespace}. */
  public static String template(String name, String namespace, String... sets)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("template", name, "CHART", "-n", namespace));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    return run(args.toArray(String[]::new)).orFail();
  }

  /** The helm binary; a test without one is skipped with a message saying how to install it. */
  public static String binary() {
    return find()
        .orElseGet(
            () -> {
              String message = "SKIPPED: helm not found; install it with .ci/install-helm.sh";
              System.err.println(message);
              Assumptions.abort(message);
              return null;
            });
  }

  /** {@code $GRIDBENCH_HELM}, else where {@code .ci/install-helm.sh} puts it, else the PATH's. */
  public static Optional<String> find() {
    String env = System.getenv("GRIDBENCH_HELM");
    if (env != null && !env.isBlank()) {
      return Optional.of(env);
    }
    Path cached = Path.of(System.getProperty("user.home"), ".cache", "gridbench", "helm", "helm");
    if (Files.isExecutable(cached)) {
      return Optional.of(cached.toString());
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "helm"))) {
        return Optional.of(Path.of(dir, "helm").toString());
      }
    }
    return Optional.empty();
  }
}
