package io.gridbench.operator.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real KubeRay operator ({@code ray-operator}, built from the Go module proxy by {@code
 * .ci/install-kuberay.sh}) running as a process beside the node with the node's admin kubeconfig,
 * after its CRDs (adapted for the 1.20 API server by the same script) are created. Stopped by its
 * own process handle, never by name.
 *
 * <p>Two KubeRay settings a cluster without DNS needs: the head Service gets a cluster IP ({@code
 * ENABLE_RAY_HEAD_CLUSTER_IP_SERVICE}; its default is headless), so that pods find it through the
 * {@code <SERVICE>_SERVICE_HOST} variable; and no init container waits for the head by its DNS name
 * ({@code ENABLE_INIT_CONTAINER_INJECTION=false}).
 */
final class KubeRayOperator implements AutoCloseable {

  static final String VERSION = System.getenv().getOrDefault("GRIDBENCH_KUBERAY_VERSION", "v1.6.1");
  private static final List<String> CRDS = List.of("rayclusters", "rayjobs", "rayservices");

  private final Process process;
  private final Path log;

  private KubeRayOperator(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Creates KubeRay's CRDs on {@code node} and starts the operator against it. */
  static KubeRayOperator start(KubeNode node) throws IOException, InterruptedException {
    Path dir =
        Path.of(
            System.getenv()
                .getOrDefault(
                    "GRIDBENCH_KUBERAY_DIR",
                    Path.of(
                            System.getProperty("user.home"),
                            ".cache",
                            "gridbench",
                            "kuberay",
                            VERSION)
                        .toString()));
    Path binary = dir.resolve("bin/ray-operator");
    KubeNode.requirePart(
        Files.isExecutable(binary),
        "KubeRay is missing in " + dir + ": run bash .ci/install-kuberay.sh");
    for (String crd : CRDS) {
      Path file = dir.resolve("crds/" + crd + ".yaml");
      KubeNode.requirePart(
          Files.isRegularFile(file), file + " is missing: run bash .ci/install-kuberay.sh");
      // create, not apply: the CRDs are too large for apply's last-applied annotation.
      node.kubectl(Duration.ofMinutes(1), "create", "-f", file.toString())
          .orFail("kubectl create -f " + file);
    }
    Path log = node.diagnostics().resolve("kuberay-operator.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                binary.toString(),
                "--metrics-addr=0",
                "--health-probe-bind-address=0",
                "--enable-leader-election=false")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("KUBECONFIG", node.kubeconfig().toString());
    pb.environment().put("ENABLE_RAY_HEAD_CLUSTER_IP_SERVICE", "true");
    pb.environment().put("ENABLE_INIT_CONTAINER_INJECTION", "false");
    KubeRayOperator operator = new KubeRayOperator(pb.start(), log);
    Runtime.getRuntime().addShutdownHook(new Thread(operator::close, "kuberay-operator-stop"));
    return operator;
  }

  /** The operator's log, for diagnostics. */
  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the operator (SIGTERM, then SIGKILL after 10 s) by its own process handle. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
