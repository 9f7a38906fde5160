package io.gridbench.runner.strategy.ray;

import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.raycluster.RayInstallation;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.strategy.python.PythonInterpreter;
import io.gridbench.runner.strategy.python.PythonSource;
import io.gridbench.runner.strategy.python.PythonStrategy;
import io.gridbench.runner.strategy.python.PythonUnavailableException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Ray strategies, all running on one open {@link RaySession}: the Java ones in this JVM, the
 * Python ones in a Python driver connected to the same cluster.
 */
public final class RayStrategies implements StrategyProvider {
  private final RaySession session;
  private final PythonSource rayPython;

  /**
   * Python Ray strategies run the Python of the Ray installation, {@code $GRIDBENCH_RAY_PYTHON}.
   */
  public RayStrategies(RaySession session) {
    this(session, () -> rayPython(System.getenv()));
  }

  public RayStrategies(RaySession session, PythonSource rayPython) {
    this.session = session;
    this.rayPython = rayPython;
  }

  /** {@code $GRIDBENCH_RAY_PYTHON} (set for a driver JVM by its launcher), else python3. */
  static PythonInterpreter rayPython(Map<String, String> env) throws PythonUnavailableException {
    String named = env.get(RayInstallation.PYTHON_ENV);
    if (named != null && !named.isBlank()) {
      return PythonInterpreter.probe(Path.of(named), "$" + RayInstallation.PYTHON_ENV);
    }
    return PythonInterpreter.find(java.util.Optional.empty(), env);
  }

  @Override
  public Strategy create(StrategySpec spec, int workers) throws StrategyException {
    return switch (spec.getType()) {
      case RayPool ->
          new RayPoolStrategy(
              session,
              workers,
              spec.rebuildsPerCell(),
              spec.getChunkSize(),
              spec.effectiveActorResources());
      case RayActors -> new RayActorsStrategy(session, workers, spec.effectiveActorResources());
      case RayTasks -> new RayTasksStrategy(session);
      case PythonRayPool ->
          PythonStrategy.rayPool(
              python(spec),
              clusterAddress(spec),
              workers,
              spec.rebuildsPerCell(),
              spec.getChunkSize());
      case PythonRayActors -> PythonStrategy.rayActors(python(spec), clusterAddress(spec), workers);
      default -> throw new StrategyException(spec.getType() + " is not a Ray strategy type");
    };
  }

  private RayAddress clusterAddress(StrategySpec spec) throws StrategyException {
    return session
        .clusterAddress()
        .orElseThrow(
            () ->
                new StrategyException(
                    "strategy '"
                        + spec.getName()
                        + "' ("
                        + spec.getType()
                        + ") needs a Ray cluster; Python cannot join Ray's LOCAL mode in this JVM."
                        + " Install Ray (pip install ray==2.58.0) for a local cluster, or give"
                        + " --ray-address."));
  }

  private PythonInterpreter python(StrategySpec spec) throws StrategyException {
    try {
      return rayPython.interpreter();
    } catch (PythonUnavailableException e) {
      throw new StrategyException("strategy '" + spec.getName() + "': " + e.getMessage(), e);
    }
  }
}
