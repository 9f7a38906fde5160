package io.gridbench.operator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code kubectl} against the shared test API server, as a user's script would. Found in
 * {@code $GRIDBENCH_KUBECTL}, then where {@code .ci/install-helm.sh} puts it, then on the PATH; a
 * test without kubectl is skipped with a message saying how to install it.
 */
public final class Kubectl {

  /** What a kubectl command printed, and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private Kubectl() {}

  /** {@code kubectl --kubeconfig <the test server's> args...}, at most {@code timeoutSeconds}. */
  public static Result run(long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary());
    command.add("--kubeconfig");
    command.add(TestApiServer.kubeconfigFile().toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("kubectl", ".out");
    Path err = Files.createTempFile("kubectl", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(
            "kubectl did not finish within " + timeoutSeconds + " s: " + command);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String binary() {
    String env = System.getenv("GRIDBENCH_KUBECTL");
    if (env != null && !env.isBlank()) {
      return env;
    }
    Path cached =
        Path.of(System.getProperty("user.home"), ".cache", "gridbench", "helm", "kubectl");
    if (Files.isExecutable(cached)) {
      return cached.toString();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "kubectl"))) {
        return Path.of(dir, "kubectl").toString();
      }
    }
    String message = "SKIPPED: kubectl not found; install it with .ci/install-helm.sh";
    System.err.println(message);
    Assumptions.abort(message);
    return null;
  }
}
