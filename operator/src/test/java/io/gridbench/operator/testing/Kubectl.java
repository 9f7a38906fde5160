package io.gridbench.operator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    CapturedProcess.Output o =
        CapturedProcess.run(new ProcessBuilder(command), Duration.ofSeconds(timeoutSeconds));
    return new Result(o.exitCode(), o.stdout(), o.stderr());
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
