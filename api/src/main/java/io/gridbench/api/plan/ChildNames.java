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

  /**
   * The ServiceAccount, Role and RoleBinding every pod of the sweep runs as: {@code
   * <sweep>-worker}. One name per sweep (the sweep name is unique in its namespace), so no sweep
   * can run under another sweep's account.
   */
  public static String workerAccount(String sweep) {
    return sweep + "-worker";
  }

  /**
   * The shard index of {@code configMap} among {@code strategy}'s results, or -1 when it is not one
   * of them: the inverse of {@link #resultsConfigMap}.
   */
  public static int resultsShard(String sweep, String strategy, String configMap) {
    String first = job(sweep, strategy);
    if (configMap.equals(first)) {
      return 0;
    }
    if (!configMap.startsWith(first + ".")) {
      return -1;
    }
    String index = configMap.substring(first.length() + 1);
    if (!index.matches("[1-9][0-9]{0,8}")) {
      return -1;
    }
    return Integer.parseInt(index);
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
