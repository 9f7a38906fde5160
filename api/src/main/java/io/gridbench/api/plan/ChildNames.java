package io.gridbench.api.plan;

/**
 * The name of every object a sweep owns, in one place: the operator creates them under these names,
 * the worker writes into them, the validator checks they fit, and the status points at them.
 */
public final class ChildNames {

  /** KubeRay's suffix for a RayCluster's head Service. */
  private static final String HEAD_SERVICE_SUFFIX = "-head-svc";

  private ChildNames() {}

  /** The immutable ConfigMap holding the frozen plan: {@code <sweep>.plan}. */
  public static String planConfigMap(String sweep) {
    return sweep + ".plan";
  }

  /** The Job that runs {@code strategy}: {@code <sweep>-<strategy>}. */
  public static String job(String sweep, String strategy) {
    return sweep + "-" + strategy;
  }

  /**
   * Shard {@code shard} (0 first) of {@code strategy}'s results: {@code <sweep>-<strategy>}, then
   * {@code <sweep>-<strategy>.1}, ... Strategy names have no dots, so shards cannot collide with
   * another strategy's ConfigMap.
   */
  public static String resultsConfigMap(String sweep, String strategy, int shard) {
    return shard == 0 ? job(sweep, strategy) : job(sweep, strategy) + "." + shard;
  }

  /** The RayCluster shared by the sweep's Ray strategies: {@code <sweep>-ray}. */
  public static String rayCluster(String sweep) {
    return sweep + "-ray";
  }

  /** The head Service KubeRay creates for the sweep's RayCluster: {@code <sweep>-ray-head-svc}. */
  public static String rayHeadService(String sweep) {
    return rayCluster(sweep) + HEAD_SERVICE_SUFFIX;
  }
}
