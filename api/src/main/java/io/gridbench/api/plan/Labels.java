package io.gridbench.api.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels on everything a sweep creates. The operator's informers select on them and map a child
 * back to its sweep by {@link #SWEEP}; the worker lists its results by them.
 */
public final class Labels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "gridbench-operator";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String SWEEP = "gridbench.io/sweep";
  public static final String STRATEGY = "gridbench.io/strategy";

  /** Component values: the frozen plan, a strategy's results, a strategy's Job and its pods. */
  public static final String PLAN = "plan";

  public static final String RESULTS = "results";
  public static final String WORKER = "worker";

  /** The ServiceAccount, Role and RoleBinding of a sweep's pods. */
  public static final String ACCESS = "access";

  private Labels() {}

  /** The labels of a child of {@code sweep} with the given component, for one strategy or none. */
  public static Map<String, String> of(String sweep, String component, String strategy) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, MANAGED_BY_VALUE);
    labels.put(COMPONENT, component);
    labels.put(SWEEP, sweep);
    if (strategy != null) {
      labels.put(STRATEGY, strategy);
    }
    return labels;
  }

  /** A label selector for {@code component} children of any sweep. */
  public static String selector(String component) {
    return MANAGED_BY + "=" + MANAGED_BY_VALUE + "," + COMPONENT + "=" + component;
  }
}
