package io.gridbench.operator;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's configuration, read from the environment so that a Deployment sets it. Each
 * variable has a default that works for a local run against the current kube context.
 *
 * @param namespaces watched namespaces; empty means all
 * @param runnerImage the image Jobs run; its entrypoint is the {@code gridbench} command
 * @param rayImage the image of the Ray nodes and of the Ray strategies' submit Jobs: the runner's
 *     classes on Ray 2.58.0 with Python ({@code ray job submit}) and a JRE
 * @param workerUid the non-root user the worker container runs as
 * @param jobBackoffLimit pod retries of a Job before its strategy counts as failed
 * @param healthPort port of the liveness and readiness endpoints
 * @param metricsPort port of the Prometheus endpoint ({@code /metrics})
 * @param workerCpu CPU of a worker pod, request = limit: a Guaranteed pod is not squeezed by its
 *     neighbours mid-measurement, and the JVM sizes a default pool from it
 * @param workerMemory memory of a worker pod, request = limit
 */
public record OperatorSettings(
    Set<String> namespaces,
    String runnerImage,
    String rayImage,
    long workerUid,
    int jobBackoffLimit,
    int healthPort,
    int metricsPort,
    String workerCpu,
    String workerMemory) {

  public static final String WATCH_NAMESPACES = "GRIDBENCH_WATCH_NAMESPACES";
  public static final String RUNNER_IMAGE = "GRIDBENCH_RUNNER_IMAGE";
  public static final String RAY_IMAGE = "GRIDBENCH_RAY_IMAGE";
  public static final String WORKER_UID = "GRIDBENCH_WORKER_UID";
  public static final String JOB_BACKOFF_LIMIT = "GRIDBENCH_JOB_BACKOFF_LIMIT";
  public static final String HEALTH_PORT = "GRIDBENCH_HEALTH_PORT";
  public static final String METRICS_PORT = "GRIDBENCH_METRICS_PORT";
  public static final String WORKER_CPU = "GRIDBENCH_WORKER_CPU";
  public static final String WORKER_MEMORY = "GRIDBENCH_WORKER_MEMORY";

  public static final String DEFAULT_RUNNER_IMAGE = "gridbench/runner:0.1.0";
  public static final String DEFAULT_RAY_IMAGE = "gridbench/ray:0.1.0";

  /** Settings from {@code env}; a malformed number fails with the variable's name. */
  public static OperatorSettings from(Map<String, String> env) {
    String ns = env.getOrDefault(WATCH_NAMESPACES, "").trim();
    Set<String> namespaces =
        ns.isEmpty()
            ? Set.of()
            : Arrays.stream(ns.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    return new OperatorSettings(
        namespaces,
        env.getOrDefault(RUNNER_IMAGE, DEFAULT_RUNNER_IMAGE),
        env.getOrDefault(RAY_IMAGE, DEFAULT_RAY_IMAGE),
        number(env, WORKER_UID, 1000, 1, Integer.MAX_VALUE),
        (int) number(env, JOB_BACKOFF_LIMIT, 2, 0, 100),
        (int) number(env, HEALTH_PORT, 8081, 0, 65535),
        (int) number(env, METRICS_PORT, 8080, 0, 65535),
        quantity(env, WORKER_CPU, "2"),
        quantity(env, WORKER_MEMORY, "4Gi"));
  }

  /** A positive Kubernetes quantity from {@code env}; a bad value names the variable. */
  static String quantity(Map<String, String> env, String name, String dflt) {
    String text = env.getOrDefault(name, "").trim();
    if (text.isEmpty()) {
      return dflt;
    }
    try {
      if (Quantity.getAmountInBytes(new Quantity(text)).signum() <= 0) {
        throw new IllegalArgumentException(name + ": '" + text + "' must be more than zero.");
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(name)) {
        throw e;
      }
      throw new IllegalArgumentException(
          name + ": '" + text + "' is not a Kubernetes quantity (e.g. 2, 500m, 4Gi).");
    }
    return text;
  }

  /** A whole number from {@code env}, {@code dflt} when unset; a bad value names the variable. */
  static long number(Map<String, String> env, String name, long dflt, long min, long max) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return dflt;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + text + "' is not a whole number.");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + ": " + value + " is out of range; allowed values are " + min + " to " + max + ".");
    }
    return value;
  }
}
