package io.gridbench.runner.raycluster;

import io.gridbench.runner.strategy.ray.RayAddress;
import io.gridbench.runner.strategy.ray.RaySession;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The JVM that drives a Ray cluster: this same {@code gridbench} command line, run again with the
 * cluster's {@code ray_dist.jar} first on the classpath. A driver must run its cluster's Ray
 * version, which the runner jar (built against the 2.39.0 API on Maven Central) cannot ship, and a
 * JVM cannot swap a runtime it loaded; so the launching JVM never loads Ray and only supervises: it
 * owns the local cluster, if any, and stops it whatever becomes of the driver. The driver learns
 * its role, jar and address from the environment, never from a changed command line.
 */
public final class RayDriverJvm {

  /** Set in a driver's environment: the {@code ray_dist.jar} it must have loaded Ray from. */
  public static final String JAR_ENV = "GRIDBENCH_RAY_DRIVER_JAR";

  /** Set in a driver's environment: the GCS address of the cluster to connect to. */
  public static final String ADDRESS_ENV = "GRIDBENCH_RAY_DRIVER_ADDRESS";

  /** Set in a driver's environment: the PID of the JVM that launched it and waits for it. */
  public static final String LAUNCHER_ENV = "GRIDBENCH_RAY_DRIVER_LAUNCHER";

  private RayDriverJvm() {}

  /**
   * In a driver, ends this JVM (its shutdown hooks run: results kept, Ray disconnected) as soon as
   * the launching JVM is gone without stopping it (SIGKILL, a crash): nothing would read the
   * driver's output any more, and the launcher's local cluster is stopping under it.
   */
  public static void exitWithLauncher(Map<String, String> env, PrintStream err) {
    String pid = env.get(LAUNCHER_ENV);
    if (pid == null) {
      return;
    }
    Optional<ProcessHandle> launcher;
    try {
      launcher = ProcessHandle.of(Long.parseLong(pid));
    } catch (NumberFormatException e) {
      return; // not set by us: nothing to follow
    }
    launcher
        .map(ProcessHandle::onExit)
        .orElse(CompletableFuture.completedFuture(null))
        .thenRun(
            () -> {
              err.println(
                  "gridbench: the launching gridbench process (pid "
                      + pid
                      + ") is gone; this Ray driver stops.");
              System.exit(1);
            });
  }

  /**
   * The cluster address when this JVM is a driver launched by {@link #run}; empty otherwise. Fails
   * when the environment says driver but Ray was not loaded from the named jar (the classpath was
   * changed on the way), since the run would then fail in obscure ways later.
   */
  public static Optional<RayAddress> addressIfDriver(Map<String, String> env)
      throws RayUnavailableException {
    String jar = env.get(JAR_ENV);
    String address = env.get(ADDRESS_ENV);
    if (jar == null || address == null) {
      return Optional.empty();
    }
    Path loaded = rayRuntimeSource();
    if (!loaded.equals(Path.of(jar).toAbsolutePath())) {
      throw new RayUnavailableException(
          "this Ray driver loaded Ray from " + loaded + ", not from $" + JAR_ENV + "=" + jar);
    }
    try {
      return Optional.of(RayAddress.parse(address));
    } catch (Exception e) {
      throw new RayUnavailableException("$" + ADDRESS_ENV + ": " + e.getMessage(), e);
    }
  }

  /** Where this JVM's Ray runtime classes come from. */
  static Path rayRuntimeSource() throws RayUnavailableException {
    try {
      Class<?> runtime = Class.forName("io.ray.runtime.RayNativeRuntime");
      return Path.of(runtime.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath();
    } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
      throw new RayUnavailableException("cannot tell where Ray's runtime was loaded from: " + e);
    }
  }

  /**
   * Runs {@code args} (this command's own arguments) in a driver JVM on {@code ray}'s jar against
   * the cluster at {@code address}; its output goes to {@code out} and {@code err}. Returns its
   * exit status. A JVM shutdown (Ctrl-C) stops the driver first.
   */
  public static int run(
      RayInstallation ray, RayAddress address, List<String> args, PrintStream out, PrintStream err)
      throws RayUnavailableException {
    ProcessBuilder pb = new ProcessBuilder(command(ray, args));
    pb.environment().put(JAR_ENV, ray.distJar().toString());
    pb.environment().put(ADDRESS_ENV, address.toString());
    pb.environment().put(LAUNCHER_ENV, Long.toString(ProcessHandle.current().pid()));
    // The driver's Python Ray strategies must run this installation's Python, whose 'ray' is the
    // cluster's version.
    ray.python().ifPresent(p -> pb.environment().put(RayInstallation.PYTHON_ENV, p.toString()));
    // Ray's native logs go to stderr before init; warnings and errors are what a user needs there.
    pb.environment().putIfAbsent("RAY_BACKEND_LOG_LEVEL", "warning");
    boolean ownStreams = out == System.out && err == System.err;
    if (ownStreams) {
      pb.inheritIO();
    } else {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Process driver;
    try {
      driver = pb.start();
    } catch (IOException e) {
      throw new RayUnavailableException("cannot start the Ray driver JVM: " + e.getMessage());
    }
    Thread stopDriver = new Thread(() -> stop(driver), "gridbench-ray-driver-stop");
    Runtime.getRuntime().addShutdownHook(stopDriver);
    List<Thread> pumps = new ArrayList<>();
    if (!ownStreams) {
      pumps.add(pump(driver.getInputStream(), out));
      pumps.add(pump(driver.getErrorStream(), err));
    }
    try {
      int status = driver.waitFor();
      for (Thread pump : pumps) {
        pump.join();
      }
      return status;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(driver);
      throw new RayUnavailableException("interrupted while the Ray driver ran");
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopDriver);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it stops the driver.
      }
    }
  }

  /** {@code java [this JVM's options, Ray's opens] -cp ray_dist.jar:OUR_CLASSPATH Main args}. */
  static List<String> command(RayInstallation ray, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A debugger or agent port cannot be bound twice.
      if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent")) {
        command.add(option);
      }
    }
    // Ray's serializers reflect into these, whatever options the launching JVM was given.
    for (String pkg : RaySession.REQUIRED_OPENS) {
      command.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    }
    List<String> classpath = new ArrayList<>();
    classpath.add(ray.distJar().toString());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        classpath.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add("io.gridbench.runner.cli.GridbenchCommand");
    command.addAll(args);
    return command;
  }

  private static void stop(Process driver) {
    if (!driver.isAlive()) {
      return;
    }
    driver.destroy();
    try {
      if (!driver.waitFor(15, TimeUnit.SECONDS)) {
        driver.destroyForcibly();
      }
    } catch (InterruptedException e) {
      driver.destroyForcibly();
    }
  }

  private static Thread pump(InputStream from, OutputStream to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (from) {
                for (int n; (n = from.read(buffer)) > 0; ) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException e) {
                // The driver is gone; its exit status says how.
              }
            },
            "gridbench-ray-driver-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
