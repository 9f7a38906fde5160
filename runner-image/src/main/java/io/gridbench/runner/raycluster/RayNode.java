package io.gridbench.runner.raycluster;

import io.gridbench.runner.strategy.ray.RayAddress;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Ray node this process started: {@code ray start --block} in a session of its own, so that
 * every process of the node (GCS, raylet, agents, workers; orphans included) carries that session's
 * id. Stopped by that PID and session, never by name: {@code ray stop} would also stop every other
 * Ray node of the machine.
 */
public final class RayNode implements AutoCloseable {

  /** How long a node gets to print that it started. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** How long {@code ray start --block} gets to drain and stop its processes after SIGTERM. */
  static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private static final String STARTED = "Ray runtime started.";

  /** The ports of every node's components, chosen free (Ray's defaults collide between nodes). */
  private static final List<String> NODE_PORTS =
      List.of(
          "node-manager-port",
          "object-manager-port",
          "metrics-export-port",
          "dashboard-agent-listen-port",
          "dashboard-agent-grpc-port",
          "runtime-env-agent-port");

  /** Tells the node's {@code ray start} which process it must not outlive. */
  static final String PARENT_PID_ENV = "GRIDBENCH_RAY_PARENT_PID";

  /** Tells the node's {@code ray start} the folder to delete when it stops orphaned. */
  static final String TEMP_DIR_ENV = "GRIDBENCH_RAY_TEMP_DIR";

  /**
   * Runs Ray's own CLI entry point with the arguments after {@code -c CODE}, and watches the JVM
   * that started the node: if that JVM dies without stopping it (SIGKILL, a crash), the node stops
   * itself as {@link #close} would (SIGTERM makes {@code ray start --block} stop its processes) and
   * deletes its temp folder, instead of running on for ever.
   */
  private static final String RAY_CLI =
      String.join(
          "\n",
          "import atexit, os, shutil, signal, sys, threading, time",
          "from ray.scripts.scripts import main",
          "parent = int(os.environ['" + PARENT_PID_ENV + "'])",
          "orphaned = []",
          "def gone():",
          "    if os.getppid() != parent:",
          "        return True",
          "    try:",
          "        os.kill(parent, 0)",
          "        return False",
          "    except ProcessLookupError:",
          "        return True",
          "def watch():",
          "    while not gone():",
          "        time.sleep(1)",
          "    orphaned.append(True)",
          "    os.kill(os.getpid(), signal.SIGTERM)",
          "def clean():",
          "    if orphaned:",
          "        shutil.rmtree(os.environ['" + TEMP_DIR_ENV + "'], ignore_errors=True)",
          "atexit.register(clean)",
          "threading.Thread(target=watch, daemon=True).start()",
          "sys.argv[0] = 'ray'",
          "sys.exit(main())");

  /**
   * What {@code ray start} reports as this node's IP. A driver finds its raylet by the IP it
   * reaches the GCS from, so it must connect to the GCS at this IP: through 127.0.0.1 it would look
   * for a raylet on 127.0.0.1 and time out.
   */
  private static final Pattern NODE_IP = Pattern.compile("Local node IP: (\\S+)");

  private final String name;
  private final Process process;
  private final Path log;
  private final int gcsPort;
  private final int nodeManagerPort;
  private RayAddress gcs;

  private RayNode(String name, Process process, Path log, int gcsPort, int nodeManagerPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.gcsPort = gcsPort;
    this.nodeManagerPort = nodeManagerPort;
  }

  /** What a node offers and where it keeps its files. */
  public record Shape(int cpus, long objectStoreBytes, Map<String, Double> resources) {}

  /** Starts a head node on free ports with {@code tempDir} as Ray's temp folder. */
  public static RayNode startHead(RayInstallation ray, Path tempDir, Shape shape)
      throws RayUnavailableException {
    List<Integer> ports = freePorts(2 + NODE_PORTS.size());
    int gcsPort = ports.get(0);
    List<String> args = new ArrayList<>(List.of("--head", "--port=" + gcsPort));
    // The dashboard's own server would take 8265, shared by every head of the machine.
    args.add("--include-dashboard=false");
    args.add("--dashboard-port=" + ports.get(1));
    return start(ray, "head", tempDir, shape, args, gcsPort, ports.subList(2, ports.size()));
  }

  /** Starts a node that joins the cluster whose GCS is at {@code head}. */
  public static RayNode startWorker(
      RayInstallation ray, String name, RayAddress head, Path tempDir, Shape shape)
      throws RayUnavailableException {
    List<String> args = new ArrayList<>(List.of("--address=" + head));
    return start(ray, name, tempDir, shape, args, head.port(), freePorts(NODE_PORTS.size()));
  }

  private static RayNode start(
      RayInstallation ray,
      String name,
      Path tempDir,
      Shape shape,
      List<String> roleArgs,
      int gcsPort,
      List<Integer> ports)
      throws RayUnavailableException {
    List<String> command = new ArrayList<>();
    // A session of its own: Ctrl-C in the terminal reaches us, not the node, which we stop in
    // order; and every process of the node, orphans included, is found by its session id.
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      command.add(setsid.toString());
    }
    command.addAll(List.of(ray.requirePython().toString(), "-c", RAY_CLI, "start", "--block"));
    command.addAll(roleArgs);
    command.add("--temp-dir=" + tempDir.toAbsolutePath());
    command.add("--num-cpus=" + shape.cpus());
    command.add("--object-store-memory=" + shape.objectStoreBytes());
    if (!shape.resources().isEmpty()) {
      command.add(
          "--resources="
              + shape.resources().entrySet().stream()
                  .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                  .collect(Collectors.joining(", ", "{", "}")));
    }
    command.add("--disable-usage-stats");
    for (int i = 0; i < NODE_PORTS.size(); i++) {
      command.add("--" + NODE_PORTS.get(i) + "=" + ports.get(i));
    }
    Path log = tempDir.resolve("ray-start-" + name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // Ray enables Java workers only when `java` is on its PATH: ours comes first.
    Optional<String> javaCommand = ProcessHandle.current().info().command();
    javaCommand
        .map(j -> Path.of(j).getParent())
        .ifPresent(
            bin ->
                pb.environment()
                    .merge("PATH", bin.toString(), (old, b) -> b + File.pathSeparator + old));
    // A Java worker must register within this many seconds or Ray kills it (default 60): on a
    // loaded 2-core machine several worker JVMs starting at once can take longer.
    pb.environment().putIfAbsent("RAY_worker_register_timeout_seconds", "180");
    pb.environment().put(PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
    pb.environment().put(TEMP_DIR_ENV, tempDir.toAbsolutePath().toString());
    Process process;
    try {
      Files.createDirectories(tempDir);
      process = pb.start();
    } catch (IOException e) {
      throw new RayUnavailableException(
          "cannot start a Ray " + name + " node with " + command.get(0) + ": " + e.getMessage());
    }
    RayNode node =
        new RayNode(
            name, process, log, gcsPort, ports.get(NODE_PORTS.indexOf("node-manager-port")));
    node.awaitStarted();
    return node;
  }

  private void awaitStarted() throws RayUnavailableException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String text = logText();
      if (text.contains(STARTED)) {
        Matcher ip = NODE_IP.matcher(text);
        gcs = new RayAddress(ip.find() ? ip.group(1) : "127.0.0.1", gcsPort);
        return;
      }
      if (!process.isAlive()) {
        throw new RayUnavailableException(
            "Ray "
                + name
                + " node did not start (exit status "
                + process.exitValue()
                + "): "
                + lastLine(text)
                + " (log: "
                + log
                + ")");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new RayUnavailableException("interrupted while the Ray " + name + " node started");
      }
    }
    close();
    throw new RayUnavailableException(
        "Ray " + name + " node did not start within " + START_TIMEOUT.toSeconds() + " s");
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (line.contains("Error") || line.contains("error")) {
        return line;
      }
    }
    return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
  }

  /** The GCS address of the cluster this node belongs to, at this node's IP. */
  public RayAddress gcs() {
    return gcs;
  }

  /**
   * This node as results name it ({@code IP:node-manager-port}, as in a strategy's actors per
   * node).
   */
  public String nodeName() {
    return gcs.host() + ":" + nodeManagerPort;
  }

  /** The PID of {@code ray start}, leader of the node's session. */
  public long pid() {
    return process.pid();
  }

  /** Every live process of this node: the session {@code ray start} leads. */
  public List<ProcessHandle> processes() {
    return SessionProcesses.of(process.pid());
  }

  /**
   * Stops the node: SIGTERM to {@code ray start}, which drains and stops its processes; after
   * {@link #STOP_GRACE}, or for whatever of its session is still alive then, SIGKILL. Safe to call
   * twice; never throws.
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<ProcessHandle> left =
        Stream.concat(Stream.of(process.toHandle()), processes().stream())
            .filter(ProcessHandle::isAlive)
            .distinct()
            .toList();
    left.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : left) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception stillThere) {
        // Unkillable (a zombie whose parent is gone is reaped by init): nothing more to do.
      }
    }
  }

  /** A node killed hard, as a crashed machine would be: every process at once, no draining. */
  public void kill() {
    Stream.concat(Stream.of(process.toHandle()), processes().stream())
        .filter(ProcessHandle::isAlive)
        .forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * {@code count} distinct free TCP ports: all held open until all are chosen, since the OS may
   * hand out a just-closed port again, and Ray refuses a node whose components share a port.
   */
  static List<Integer> freePorts(int count) throws RayUnavailableException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0));
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new RayUnavailableException("no free TCP port for Ray: " + e.getMessage());
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // Closing a listening socket we own does not fail in a way that matters here.
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Ray " + name + " node (pid " + process.pid() + ")";
  }
}
