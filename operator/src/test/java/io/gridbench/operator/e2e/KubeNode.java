package io.gridbench.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gridbench.operator.testing.CapturedProcess;
import io.gridbench.operator.testing.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real single-node Kubernetes of {@code ../shared/k8s/node/} (containerd, kubelet, scheduler,
 * controller-manager, kube-proxy in their own network namespace), brought up and torn down by its
 * own scripts, with the images the build made ({@code -Pimages}) imported. Missing parts fail the
 * test with a message saying how to get them: the e2e profile asked for a real node.
 */
final class KubeNode implements AutoCloseable {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path RUNNER_IMAGE = REPO.resolve("runner-image/target/gridbench-runner-image.tar");
  static final Path OPERATOR_IMAGE = REPO.resolve("operator/target/gridbench-operator-image.tar");
  static final Path RAY_IMAGE = REPO.resolve("runner-image/target/gridbench-ray-image.tar");

  private final Path scripts;
  private final Path nodeDir;
  private final Path kubectl;
  private final Path diagnostics;
  private Path kubeconfig;
  private KubernetesClient client;
  private boolean down;

  private KubeNode(Path scripts, Path nodeDir, Path kubectl, Path diagnostics) {
    this.scripts = scripts;
    this.nodeDir = nodeDir;
    this.kubectl = kubectl;
    this.diagnostics = diagnostics;
  }

  /** Checks every prerequisite, then starts the node from a clean state with both images. */
  static KubeNode up() throws IOException, InterruptedException {
    return up(List.of(RUNNER_IMAGE, OPERATOR_IMAGE));
  }

  /** As {@link #up()}, importing {@code images} (docker-archive tarballs the build made). */
  static KubeNode up(List<Path> images) throws IOException, InterruptedException {
    String shared =
        System.getenv().getOrDefault("GRIDBENCH_SHARED", REPO.resolve("../shared").toString());
    Path scripts = Path.of(shared, "k8s", "node").toAbsolutePath().normalize();
    require(
        Files.isRegularFile(scripts.resolve("up.sh")), "the node scripts are missing: " + scripts);
    require(
        "root".equals(System.getProperty("user.name")),
        "the node needs root (network namespaces, containerd, kubelet)");
    Path nodeDir =
        Path.of(
            System.getenv()
                .getOrDefault(
                    "K8S_NODE_DIR",
                    Path.of(System.getProperty("user.home"), ".cache", "k8s-node").toString()));
    require(
        Files.isExecutable(nodeDir.resolve("bin/kubelet")),
        "the node binaries are missing in " + nodeDir + ": run bash " + scripts + "/install.sh");
    String version = System.getProperty("kube-api-test.version", "1.20.2");
    Path apiDir =
        Path.of(
            System.getenv()
                .getOrDefault(
                    "KUBE_API_TEST_DIR",
                    Path.of(System.getProperty("user.home"), ".kubeapitest").toString()),
            "k8s",
            version + "-linux-amd64");
    Path kubectl = apiDir.resolve("kubectl");
    require(
        Files.isExecutable(kubectl),
        "kubectl is missing in " + apiDir + ": run bash .ci/install-test-apiserver.sh");
    for (Path image : images) {
      require(
          Files.isRegularFile(image),
          image
              + " is missing: build the images with ./mvnw package -Pimages (docs/images.md; the"
              + " Ray image also needs bash .ci/build-ray-base-image.sh first)");
    }
    require(Helm.find().isPresent(), "helm is missing: run bash .ci/install-helm.sh");
    Path diagnostics = REPO.resolve("operator/target/e2e-diagnostics");
    Files.createDirectories(diagnostics);
    KubeNode node = new KubeNode(scripts, nodeDir, kubectl, diagnostics);
    // A node left by an interrupted run would keep its old images: start from nothing.
    node.script(Duration.ofMinutes(3), Map.of(), "down.sh", "--purge");
    Runtime.getRuntime().addShutdownHook(new Thread(node::closeQuietly, "kube-node-down"));
    Run up =
        node.script(
            Duration.ofMinutes(6),
            Map.of("EXTRA_IMAGES", String.join(" ", images.stream().map(Path::toString).toList())),
            "up.sh");
    System.out.println(up.stderr());
    if (up.exitCode() != 0) {
      node.dumpDiagnostics("up.sh");
    }
    up.orFail("up.sh");
    List<String> lines = up.stdout().strip().lines().toList();
    node.kubeconfig = Path.of(lines.get(lines.size() - 1));
    node.client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(node.kubeconfig)))
            .build();
    return node;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      String loud = "E2E CANNOT RUN: " + message;
      System.err.println(loud);
      throw new IllegalStateException(loud);
    }
  }

  KubernetesClient client() {
    return client;
  }

  /** The admin kubeconfig {@code up.sh} wrote. */
  Path kubeconfig() {
    return kubeconfig;
  }

  /** Where diagnostics and logs of the run go ({@code operator/target/e2e-diagnostics}). */
  Path diagnostics() {
    return diagnostics;
  }

  /** {@code require} for the tests' own prerequisites: loud, with how to get the part. */
  static void requirePart(boolean ok, String message) {
    require(ok, message);
  }

  /** {@code kubectl args...} against the node. */
  Run kubectl(Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(kubectl.toString()));
    command.addAll(List.of(args));
    return run(command, timeout, env(), REPO);
  }

  /** {@code helm args...} against the node, from the repository root. */
  Run helm(Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Helm.binary()));
    command.addAll(List.of(args));
    return run(command, timeout, env(), REPO);
  }

  /**
   * A shell command line as a user types it (the README's), from the repository root, with this
   * node's kubectl and helm first on the PATH and its kubeconfig.
   */
  Run shell(Duration timeout, String line) throws IOException, InterruptedException {
    Map<String, String> env = env();
    Path tools = diagnostics.getParent().resolve("e2e-bin");
    Files.createDirectories(tools);
    link(tools.resolve("kubectl"), kubectl);
    link(tools.resolve("helm"), Path.of(Helm.binary()));
    env.put("PATH", tools + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    return run(List.of("bash", "-euo", "pipefail", "-c", line), timeout, env, REPO);
  }

  /** A step a test takes while the README's commands run. */
  interface Step {
    void run() throws Exception;
  }

  /**
   * Runs the commands of operator/README.md's block after {@code marker} on this node as a user
   * would, failing at the first that fails, and prints how long {@code sweep} took from {@code
   * kubectl apply} to the end of {@code kubectl wait}; {@code beforeWait} runs just before the
   * wait, while the sweep runs. Returns every command's run, in order.
   */
  List<Run> runReadmeBlock(String marker, String sweep, Duration timeout, Step beforeWait)
      throws Exception {
    List<String> commands = ReadmeCommands.after(REPO.resolve("operator/README.md"), marker);
    assertThat(commands)
        .as("the README's " + marker.substring("<!-- ".length(), marker.length() - 1) + " block")
        .hasSizeGreaterThanOrEqualTo(4);
    long applied = 0;
    List<Run> runs = new ArrayList<>();
    for (String command : commands) {
      if (command.startsWith("kubectl wait")) {
        beforeWait.run();
      }
      if (command.startsWith("kubectl apply")) {
        applied = System.nanoTime();
      }
      Run run = shell(timeout, command);
      System.out.println("$ " + command + "\n" + run.stdout() + run.stderr());
      run.orFail(command);
      runs.add(run);
      if (command.startsWith("kubectl wait")) {
        System.out.printf(
            "E2E: %s from kubectl apply to its terminal condition in %.1f s%n",
            sweep, (System.nanoTime() - applied) / 1e9);
      }
    }
    return runs;
  }

  private static void link(Path link, Path target) throws IOException {
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, target);
  }

  /**
   * Writes what a failure needs to be understood, into the test output and into {@code
   * operator/target/e2e-diagnostics/NAME.txt}: every object, pod descriptions, events, every
   * container's log (and its previous instance's), the kubelet's log tail.
   */
  void dumpDiagnostics(String name) {
    StringBuilder out = new StringBuilder("==== e2e diagnostics: " + name + " ====\n");
    Duration t = Duration.ofSeconds(30);
    try {
      section(
          out, "objects", kubectl(t, "get", "all,configmaps,benchmarksweeps", "-A", "-o", "wide"));
      section(out, "sweeps", kubectl(t, "get", "benchmarksweeps", "-A", "-o", "yaml"));
      section(out, "events", kubectl(t, "get", "events", "-A", "--sort-by=.lastTimestamp"));
      section(out, "pods", kubectl(t, "describe", "pods", "-A"));
      section(out, "jobs", kubectl(t, "describe", "jobs", "-A"));
      Run pods =
          kubectl(
              t,
              "get",
              "pods",
              "-A",
              "-o",
              "jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\n\"}{end}");
      for (String pod : pods.stdout().strip().lines().filter(l -> !l.isBlank()).toList()) {
        String[] nsName = pod.split("/", 2);
        section(
            out,
            "logs " + pod,
            kubectl(t, "logs", "-n", nsName[0], nsName[1], "--all-containers", "--tail=200"));
        Run previous =
            kubectl(
                t,
                "logs",
                "-n",
                nsName[0],
                nsName[1],
                "--all-containers",
                "--previous",
                "--tail=100");
        if (previous.exitCode() == 0) {
          section(out, "previous logs " + pod, previous);
        }
      }
      Path kubelet = nodeDir.resolve("logs/kubelet.log");
      if (Files.isReadable(kubelet)) {
        List<String> lines = Files.readAllLines(kubelet);
        out.append("---- kubelet.log (last 80 lines)\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())))
            .append('\n');
      }
    } catch (IOException | RuntimeException e) {
      out.append("(diagnostics incomplete: ").append(e).append(")\n");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.println(out);
    try {
      Files.writeString(diagnostics.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt"), out);
    } catch (IOException e) {
      System.err.println("could not write diagnostics: " + e);
    }
  }

  private static void section(StringBuilder out, String title, Run run) {
    out.append("---- ")
        .append(title)
        .append('\n')
        .append(run.stdout())
        .append(run.stderr())
        .append('\n');
  }

  /** Stops the node with the shared script; its state is purged so nothing stays behind. */
  @Override
  public synchronized void close() throws IOException, InterruptedException {
    if (down) {
      return;
    }
    down = true;
    if (client != null) {
      client.close();
      client = null;
    }
    Run down = script(Duration.ofMinutes(3), Map.of(), "down.sh", "--purge");
    System.out.println(down.stderr());
    down.orFail("down.sh");
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException | InterruptedException | AssertionError e) {
      System.err.println("node teardown: " + e);
    }
  }

  private Run script(Duration timeout, Map<String, String> extraEnv, String script, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", scripts.resolve(script).toString()));
    command.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(extraEnv);
    return run(command, timeout, env, REPO);
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (kubeconfig != null) {
      env.put("KUBECONFIG", kubeconfig.toString());
    }
    return env;
  }

  /** What a command printed and how it ended. */
  record Run(List<String> command, int exitCode, String stdout, String stderr) {
    String orFail(String what) {
      if (exitCode != 0) {
        throw new AssertionError(
            what
                + " exited "
                + exitCode
                + ": "
                + String.join(" ", command)
                + "\n"
                + stdout
                + stderr);
      }
      return stdout;
    }
  }

  private static Run run(List<String> command, Duration timeout, Map<String, String> env, Path dir)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    CapturedProcess.Output o = CapturedProcess.run(pb, timeout);
    return new Run(command, o.exitCode(), o.stdout(), o.stderr());
  }
}
