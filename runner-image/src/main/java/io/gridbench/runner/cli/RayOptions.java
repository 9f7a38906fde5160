package io.gridbench.runner.cli;

import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.strategy.LocalStrategies;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.StrategyFactory;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.strategy.ray.RayAddress;
import io.gridbench.runner.strategy.ray.RaySession;
import io.gridbench.runner.strategy.ray.RayStrategies;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The {@code --ray} and {@code --ray-address} options: whether and where Ray strategies run. */
final class RayOptions {

  /** Values of {@code --ray}. */
  enum Mode {
    local,
    off
  }

  @Option(
      names = "--ray",
      defaultValue = "local",
      paramLabel = "local|off",
      description =
          "Ray strategies: 'local' runs them in Ray's LOCAL mode inside this JVM (rows labelled"
              + " ray-local, no Ray installation needed), 'off' skips them (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(
      names = "--ray-address",
      paramLabel = "HOST:PORT",
      description =
          "Run Ray strategies on the cluster whose GCS is at HOST:PORT (rows labelled ray-cluster)."
              + " This JVM must run on a node of that cluster: Java has no Ray Client.")
  String address;

  /** A one-line problem with these options for {@code selected}, if there is one. */
  Optional<String> problem(List<StrategySpec> selected, boolean selectedByName) {
    if (address != null) {
      if (mode == Mode.off) {
        return Optional.of("--ray off and --ray-address contradict each other; give one of them.");
      }
      try {
        RayAddress.parse(address);
      } catch (StrategyException e) {
        return Optional.of("--ray-address: " + e.getMessage());
      }
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
   * Starts Ray when a strategy of {@code selected} needs it: on the cluster at {@code
   * --ray-address}, else in LOCAL mode. Returns empty when none does.
   */
  Optional<RaySession> start(List<StrategySpec> selected) throws StrategyException {
    if (rayNames(selected).isEmpty()) {
      return Optional.empty();
    }
    if (address != null) {
      try {
        return Optional.of(RaySession.connect(RayAddress.parse(address)));
      } catch (StrategyException e) {
        throw new StrategyException("--ray-address: " + e.getMessage(), e);
      }
    }
    return Optional.of(RaySession.startLocal());
  }

  /** Local strategies, plus the Ray ones when {@code session} is open. */
  static StrategyProvider strategies(Optional<RaySession> session) {
    return session
        .<StrategyProvider>map(
            s -> new StrategyFactory(new LocalStrategies(), new RayStrategies(s)))
        .orElseGet(StrategyFactory::localOnly);
  }
}
