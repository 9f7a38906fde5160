package io.gridbench.runner.strategy.ray;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.strategy.StrategyException;
import io.ray.api.Ray;
import io.ray.api.runtimecontext.NodeInfo;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Ray runtime of one run: {@code Ray.init} once, in LOCAL mode (in-process, no Ray
 * installation) or CLUSTER mode (a running cluster whose raylet is on this node), and {@code
 * Ray.shutdown} at the end. Ray's runtime is a JVM-wide singleton, so at most one session is open
 * at a time.
 */
public final class RaySession implements AutoCloseable {

  /**
   * JDK packages Ray's serializers reflect into; without them open, LOCAL-mode actor creation ends
   * the JVM with exit status 255 instead of throwing.
   */
  public static final List<String> REQUIRED_OPENS =
      List.of(
          "java.lang",
          "java.math",
          "java.util",
          "java.util.concurrent",
          "java.net",
          "java.text",
          "java.nio",
          "sun.nio.ch");

  private static RaySession open;

  private final ExecutionMode mode;
  private final RayAddress address;
  private final RayScratchDirs sessionDirs;
  private boolean closed;

  private RaySession(ExecutionMode mode, RayAddress address, RayScratchDirs sessionDirs) {
    this.mode = mode;
    this.address = address;
    this.sessionDirs = sessionDirs;
  }

  /** Starts Ray's LOCAL run mode in this JVM. */
  public static synchronized RaySession startLocal() throws StrategyException {
    ensureNoneOpen();
    checkOpens(RaySession::isOpenToUs);
    RayScratchDirs dirs =
        RayScratchDirs.localSessions(RayScratchDirs.RAY_ROOT, ProcessHandle.current().pid());
    try {
      init("LOCAL", localProperties());
    } finally {
      // The native library is loaded by now (or init failed) and nothing else in LOCAL mode uses
      // the directory, so it goes at once: a run that dies before close() leaves nothing behind.
      dirs.deleteNew();
    }
    open = new RaySession(ExecutionMode.RAY_LOCAL, null, dirs);
    return open;
  }

  /**
   * Connects to the Ray cluster whose GCS is at {@code address}. The driver (this JVM) must run on
   * a node of that cluster: Ray's Java API has no Ray Client, it talks to the local raylet. And it
   * must run the cluster's own Ray version: see {@code raycluster.RayDriverJvm}.
   */
  public static synchronized RaySession connect(RayAddress address) throws StrategyException {
    ensureNoneOpen();
    address.probe(RayAddress.PROBE_TIMEOUT);
    RayScratchDirs dirs = RayScratchDirs.driverLibraries(RayScratchDirs.RAY_ROOT);
    // A driver stopped while Ray.init retries (Ctrl-C, its supervisor) never reaches the finally.
    Thread cleanup = new Thread(dirs::deleteNew, "gridbench-ray-scratch-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      init("CLUSTER at " + address, clusterProperties(address, codeSearchPath()));
    } finally {
      dirs.deleteNew();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs now and finds nothing left to delete.
      }
    }
    open = new RaySession(ExecutionMode.RAY_CLUSTER, address, null);
    return open;
  }

  /**
   * Where the cluster's Java workers find the kernel classes: the jar (or classes directory) this
   * class came from, as an absolute path. Ray's default, the driver's classpath, may hold relative
   * entries, and workers run in another directory.
   */
  static String codeSearchPath() throws StrategyException {
    try {
      return Path.of(RaySession.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath()
          .toString();
    } catch (URISyntaxException | RuntimeException e) {
      throw new StrategyException("cannot tell where the runner's classes are: " + e, e);
    }
  }

  /** The system properties through which Ray's configuration selects LOCAL mode. */
  static Map<String, String> localProperties() {
    return Map.of("ray.run-mode", "LOCAL");
  }

  /**
   * The system properties through which Ray's configuration selects CLUSTER mode at {@code
   * address}, workers loading our classes from {@code codeSearchPath}. The cluster's Java workers
   * deserialize our arguments with the same serializers as LOCAL mode, so their JVM options get the
   * same opens.
   */
  static Map<String, String> clusterProperties(RayAddress address, String codeSearchPath) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("ray.run-mode", "CLUSTER");
    properties.put("ray.address", address.toString());
    properties.put("ray.job.code-search-path", codeSearchPath);
    int i = 0;
    for (String pkg : REQUIRED_OPENS) {
      // Ray's configuration library reads numbered keys as a list.
      properties.put("ray.job.jvm-options." + i++, "--add-opens");
      properties.put("ray.job.jvm-options." + i++, "java.base/" + pkg + "=ALL-UNNAMED");
    }
    return properties;
  }

  private static void ensureNoneOpen() throws StrategyException {
    if (open != null || Ray.isInitialized()) {
      throw new StrategyException(
          "Ray is already initialized in this JVM; close the open RaySession first.");
    }
  }

  private static void init(String what, Map<String, String> properties) throws StrategyException {
    // Ray reads its configuration from system properties at init; they are removed again so that
    // a later session in another mode starts from a clean slate.
    properties.forEach(System::setProperty);
    try {
      Ray.init();
    } catch (RuntimeException e) {
      throw new StrategyException(
          "Ray "
              + what
              + " did not start: "
              + RayCallFailure.firstLine(RayCallFailure.rootCause(e)),
          e);
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  /**
   * Fails, naming them, when {@code isOpen} says packages of {@link #REQUIRED_OPENS} are closed.
   */
  static void checkOpens(Predicate<String> isOpen) throws StrategyException {
    List<String> missing = REQUIRED_OPENS.stream().filter(isOpen.negate()).toList();
    if (!missing.isEmpty()) {
      throw new StrategyException(
          "Ray LOCAL mode needs the JVM option --add-opens java.base/PKG=ALL-UNNAMED for PKG = "
              + String.join(", ", missing)
              + "; run the gridbench launcher, or add them to the java command.");
    }
  }

  private static boolean isOpenToUs(String pkg) {
    return Object.class.getModule().isOpen(pkg, RaySession.class.getModule());
  }

  /** {@link ExecutionMode#RAY_LOCAL} or {@link ExecutionMode#RAY_CLUSTER}. */
  public ExecutionMode mode() {
    return mode;
  }

  /**
   * The CPUs Ray schedules on: the "CPU" resource summed over the cluster's live nodes, or this
   * machine's processors in LOCAL mode (everything runs in this JVM).
   */
  public int cpus() {
    if (isLocal()) {
      return Runtime.getRuntime().availableProcessors();
    }
    double cpus = 0;
    for (NodeInfo node : Ray.getRuntimeContext().getAllNodeInfo()) {
      if (node.isAlive && node.resources != null) {
        cpus += node.resources.getOrDefault("CPU", 0.0);
      }
    }
    return (int) Math.floor(cpus);
  }

  /** The cluster's GCS address; empty in LOCAL mode, which no other process can join. */
  public java.util.Optional<RayAddress> clusterAddress() {
    return isLocal() ? java.util.Optional.empty() : java.util.Optional.of(address);
  }

  /** Whether actors live in this JVM, where Ray can neither kill them nor let them exit. */
  boolean isLocal() {
    return mode == ExecutionMode.RAY_LOCAL;
  }

  @Override
  public String toString() {
    return mode == ExecutionMode.RAY_LOCAL ? "Ray LOCAL mode" : "Ray cluster at " + address;
  }

  /** Shuts Ray down and removes what LOCAL mode left under {@code /tmp/ray}; safe to call twice. */
  @Override
  public void close() {
    synchronized (RaySession.class) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        Ray.shutdown();
      } finally {
        if (sessionDirs != null) {
          sessionDirs.deleteNew();
        }
        open = null;
      }
    }
  }
}
