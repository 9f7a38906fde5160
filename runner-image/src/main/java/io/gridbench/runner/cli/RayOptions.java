package io.gridbench.runner.cli;

import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.raycluster.LocalRayCluster;
import io.gridbench.runner.raycluster.RayDriverJvm;
import io.gridbench.runner.raycluster.RayInstallation;
import io.gridbench.runner.raycluster.RayUnavailableException;
import io.gridbench.runner.strategy.LocalStrategies;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.StrategyFactory;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.strategy.ray.RayAddress;
import io.gridbench.runner.strategy.ray.RaySession;
import io.gridbench.runner.strategy.ray.RayStrategies;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --ray}, {@code --ray-address} and {@code --ray-python} options: whether and where Ray
 * strategies run, and the JVM that runs them. On a cluster (a local one or one at an address) they
 * run in a driver JVM on the cluster's own Ray jars ({@link RayDriverJvm}); in LOCAL mode in this
 * JVM, on the Ray runtime the runner ships.
 */
final class RayOptions {

  /** Values of {@code --ray}. */
  enum Mode {
    auto("auto"),
    localCluster("local-cluster"),
    local("local"),
    off("off");

    final String label;

    Mode(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }

    /** Reads the labels, which picocli's enum conversion cannot (a hyphen). */
    static final class Converter implements ITypeConverter<Mode> {
      @Override
      public Mode convert(String value) {
        for (Mode m : values()) {
          if (m.label.equals(value)) {
            return m;
          }
        }
        throw new TypeConversionException(
            "'"
                + value
                + "' is not one of "
                + Arrays.stream(values()).map(m -> m.label).collect(Collectors.joining(", ")));
      }
    }
  }

  /** What a run does once Ray is ready, in this JVM: returns the exit status. */
  interface InThisJvm {
    int run(Optional<RaySession> ray);
  }

  @Option(
      names = "--ray",
      defaultValue = "auto",
      converter = Mode.Converter.class,
      paramLabel = "auto|local-cluster|local|off",
      description =
          "Ray strategies: 'local-cluster' starts a Ray cluster on this machine for the run and"
              + " stops it at the end (rows labelled ray-cluster; needs `pip install ray`),"
              + " 'local' runs them in Ray's LOCAL mode inside this JVM (rows labelled ray-local),"
              + " 'off' skips them, 'auto' is local-cluster when Ray is installed, else local"
              + " (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(
      names = "--ray-address",
      paramLabel = "HOST:PORT",
      description =
          "Run Ray strategies on the cluster whose GCS is at HOST:PORT (rows labelled ray-cluster)."
              + " This JVM must run on a node of that cluster: Java has no Ray Client.")
  String address;

  @Option(
      names = "--ray-python",
      paramLabel = "PYTHON",
      description =
          "The Python whose 'ray' package (and its jars/ray_dist.jar) runs Ray strategies on a"
              + " cluster (default: $GRIDBENCH_RAY_PYTHON, else the python3 beside `ray` on PATH,"
              + " else python3 on PATH).")
  Path python;

  /** The environment Ray is looked for in; tests replace it. */
  Map<String, String> env = System.getenv();

  /** A one-line problem with these options for {@code selected}, if there is one. */
  Optional<String> problem(List<StrategySpec> selected, boolean selectedByName) {
    if (address != null) {
      if (mode == Mode.off || mode == Mode.local || mode == Mode.localCluster) {
        return Optional.of(
            "--ray " + mode + " and --ray-address contradict each other; give one of them.");
      }
      try {
        RayAddress.parse(address);
      } catch (StrategyException e) {
        return Optional.of("--ray-address: " + e.getMessage());
      }
    }
    List<String> pythonRay = pythonRayNames(selected);
    if (mode == Mode.local && !pythonRay.isEmpty()) {
      return Optional.of(
          "--ray local: "
              + (pythonRay.size() == 1 ? "strategy " : "strategies ")
              + String.join(", ", pythonRay)
              + (pythonRay.size() == 1 ? " needs" : " need")
              + " a Ray cluster, which Python cannot reach in this JVM's LOCAL mode; use"
              + " --ray local-cluster (pip install ray==2.58.0) or --ray-address.");
    }
    if (mode == Mode.off && selectedByName) {
      List<String> ray = rayNames(selected);
      if (!ray.isEmpty()) {
        return Optional.of(
            "--strategy: "
                + String.join(", ", ray)
                + " needs Ray, but --ray is off; drop --ray off or that --strategy.");
      }
    }
    return Optional.empty();
  }

  /** The strategies this run can start: with {@code --ray off}, the local ones alone. */
  List<StrategySpec> runnable(List<StrategySpec> selected) {
    return mode == Mode.off
        ? selected.stream().filter(s -> !s.getType().isRay()).toList()
        : selected;
  }

  /** The names of the Ray strategies among {@code strategies}. */
  static List<String> rayNames(List<StrategySpec> strategies) {
    return strategies.stream()
        .filter(s -> s.getType().isRay())
        .map(StrategySpec::getName)
        .collect(Collectors.toList());
  }

  /**
   * Runs {@code body} with Ray ready when a strategy of {@code selected} needs it, or hands the
   * whole command line {@code args} to a driver JVM on the cluster's Ray jars, starting (and
   * stopping) a local cluster for it when asked. Returns the exit status; Ray problems are one line
   * on {@code err} and {@link GridbenchCommand#EXIT_BAD_INPUT}.
   */
  int run(
      List<StrategySpec> selected,
      List<String> args,
      PrintStream out,
      PrintStream err,
      InThisJvm body) {
    if (rayNames(selected).isEmpty() || mode == Mode.off) {
      return body.run(Optional.empty());
    }
    try {
      Optional<RayAddress> driving = RayDriverJvm.addressIfDriver(env);
      if (driving.isPresent()) {
        RayDriverJvm.exitWithLauncher(env, err);
        return withSession(RaySession.connect(driving.get()), body);
      }
      if (mode == Mode.local) {
        return withSession(RaySession.startLocal(), body);
      }
      if (address != null) {
        return onCluster(RayAddress.parse(address), selected, args, out, err);
      }
      Optional<RayInstallation> ray = installationForLocalCluster(selected, err);
      if (ray.isEmpty()) {
        return withSession(RaySession.startLocal(), body);
      }
      int cpus = Runtime.getRuntime().availableProcessors();
      err.println(
          "gridbench: starting a local Ray "
              + ray.get().version()
              + " cluster ("
              + cpus
              + " CPUs) for the Ray strategies; it stops when the run ends.");
      try (LocalRayCluster cluster = LocalRayCluster.start(ray.get(), cpus, Map.of())) {
        return RayDriverJvm.run(ray.get(), cluster.address(), args, out, err);
      }
    } catch (StrategyException e) {
      err.println("gridbench: " + (address != null ? "--ray-address: " : "") + e.getMessage());
      return GridbenchCommand.EXIT_BAD_INPUT;
    } catch (RayUnavailableException e) {
      err.println("gridbench: --ray " + mode + ": " + e.getMessage());
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
  }

  /**
   * The installation a local cluster runs: with {@code --ray local-cluster} one must exist; with
   * {@code auto} its absence means LOCAL mode, said in one line.
   */
  private Optional<RayInstallation> installationForLocalCluster(
      List<StrategySpec> selected, PrintStream err) throws RayUnavailableException {
    try {
      RayInstallation ray = RayInstallation.find(Optional.ofNullable(python), env);
      ray.requirePython();
      return Optional.of(ray);
    } catch (RayUnavailableException e) {
      List<String> pythonRay = pythonRayNames(selected);
      if (!pythonRay.isEmpty()) {
        // Python has no LOCAL mode to fall back to: without Ray these strategies cannot run.
        throw new RayUnavailableException(
            (pythonRay.size() == 1 ? "strategy " : "strategies ")
                + String.join(", ", pythonRay)
                + (pythonRay.size() == 1 ? " needs" : " need")
                + " Ray: "
                + e.getMessage(),
            e);
      }
      if (mode == Mode.localCluster) {
        throw e;
      }
      err.println(
          "gridbench: Ray is not installed, so the Ray strategies run in Ray's LOCAL mode in this"
              + " JVM (rows ray-local, no cluster); `pip install ray==2.58.0` gives real cluster"
              + " figures (docs/ray.md).");
      return Optional.empty();
    }
  }

  /** The cluster at {@code --ray-address}, driven from a JVM on this node's Ray jars. */
  private int onCluster(
      RayAddress gcs,
      List<StrategySpec> selected,
      List<String> args,
      PrintStream out,
      PrintStream err)
      throws StrategyException, RayUnavailableException {
    // Before looking for Ray: an unreachable address is the first thing to hear about.
    gcs.probe(RayAddress.PROBE_TIMEOUT);
    RayInstallation ray;
    try {
      ray = RayInstallation.find(Optional.ofNullable(python), env);
      if (!pythonRayNames(selected).isEmpty()) {
        ray.requirePython();
      }
    } catch (RayUnavailableException e) {
      throw new StrategyException(e.getMessage(), e);
    }
    return RayDriverJvm.run(ray, gcs, args, out, err);
  }

  private static int withSession(RaySession session, InThisJvm body) {
    try (session) {
      return body.run(Optional.of(session));
    }
  }

  /** Local strategies, plus the Ray ones when {@code session} is open. */
  static StrategyProvider strategies(Optional<RaySession> session) {
    return strategies(session, new LocalStrategies());
  }

  /** {@code local}, plus the Ray strategies when {@code session} is open. */
  static StrategyProvider strategies(Optional<RaySession> session, LocalStrategies local) {
    return session
        .<StrategyProvider>map(s -> new StrategyFactory(local, new RayStrategies(s)))
        .orElseGet(() -> StrategyFactory.localOnly(local));
  }

  /** The names of the Python Ray strategies among {@code strategies}, as "'name' (Type)". */
  static List<String> pythonRayNames(List<StrategySpec> strategies) {
    return strategies.stream()
        .filter(s -> s.getType().isRay() && s.getType().isPython())
        .map(s -> "'" + s.getName() + "' (" + s.getType() + ")")
        .collect(Collectors.toList());
  }
}
