package io.gridbench.api.v1alpha1;

/** The workload-distribution strategies a sweep can compare. */
public enum StrategyType {
  /** Every task in the driver's thread, one after another: the baseline. */
  SingleThread(false),
  /** A JDK executor with {@code workers} threads. */
  ThreadPool(false),
  /** Worker JVM processes fed over pipes: the analog of Python's {@code multiprocessing.Pool}. */
  ProcessPool(false),
  /** Ray actors used as pool processes: the analog of {@code ray.util.multiprocessing.Pool}. */
  RayPool(true),
  /** Long-lived Ray actors pulling work as they become free, payloads in the object store. */
  RayActors(true),
  /** One stateless Ray remote function call per task. */
  RayTasks(true),
  /** Every task in one Python process, one after another: the seed study's baseline. */
  PythonSingleThread(false),
  /** Python's own {@code multiprocessing.Pool}, run by the Python worker the runner ships. */
  PythonPool(false),
  /** Python's {@code ray.util.multiprocessing.Pool} on the same Ray cluster as the Java types. */
  PythonRayPool(true),
  /** Long-lived Python Ray actors, the seed study's custom actor setup, on the same cluster. */
  PythonRayActors(true);

  private final boolean ray;

  StrategyType(boolean ray) {
    this.ray = ray;
  }

  /** Whether the strategy needs a Ray runtime (LOCAL mode or a cluster). */
  public boolean isRay() {
    return ray;
  }

  /** Whether the strategy runs in the Python worker program rather than in Java. */
  public boolean isPython() {
    return this == PythonSingleThread
        || this == PythonPool
        || this == PythonRayPool
        || this == PythonRayActors;
  }

  /** Whether the strategy runs every task in one thread, whatever the pool size says. */
  public boolean isSingleThreaded() {
    return this == SingleThread || this == PythonSingleThread;
  }

  /** Whether {@code rebuild: true} means something for this type. */
  public boolean supportsRebuild() {
    return this == ProcessPool || this == RayPool || this == PythonPool || this == PythonRayPool;
  }

  /** Whether tasks are handed out in chunks, as {@code Pool.map} does. */
  public boolean supportsChunking() {
    return supportsRebuild();
  }

  /** Whether the strategy's workers are Ray actors, placed by {@code actorResources}. */
  public boolean hasRayActors() {
    return this == RayPool || this == RayActors;
  }
}
