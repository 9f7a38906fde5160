package io.gridbench.api.plan;

import io.fabric8.kubernetes.api.model.HasMetadata;
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

  /**
   * The uid of the sweep a plan or results ConfigMap belongs to: a sweep of the same name created
   * later has another uid, so its operator and workers never take the earlier one's ConfigMaps.
   */
  public static final String SWEEP_UID = "gridbench.io/sweep-uid";

  /**
   * {@code "true"} on the plan and results ConfigMaps of a sweep with {@code spec.retainResults}:
   * they have no owner and outlive the sweep; {@code kubectl delete configmap -l
   * gridbench.io/retained=true,gridbench.io/sweep=NAME} removes them.
   */
  public static final String RETAINED = "gridbench.io/retained";

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

  /** Whether {@code child} (a plan or results ConfigMap) belongs to the sweep of {@code uid}. */
  public static boolean belongsTo(HasMetadata child, String uid) {
    if (uid == null) {
      return false;
    }
    Map<String, String> labels = child.getMetadata().getLabels();
    return (labels != null && uid.equals(labels.get(SWEEP_UID)))
        || (child.getMetadata().getOwnerReferences() != null
            && child.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> uid.equals(o.getUid())));
  }

  /** A label selector for {@code component} children of any sweep. */
  public static String selector(String component) {
    return MANAGED_BY + "=" + MANAGED_BY_VALUE + "," + COMPONENT + "=" + component;
  }
}
