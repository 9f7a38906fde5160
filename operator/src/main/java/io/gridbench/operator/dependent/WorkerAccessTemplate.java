package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import java.util.List;

/**
 * The identity every pod of one sweep runs as: a ServiceAccount, a Role and a RoleBinding, all
 * named {@link ChildNames#workerAccount}. The Role grants {@code get} and {@code update} on the
 * sweep's own results ConfigMaps by name and nothing else: no {@code list} (it would reveal every
 * ConfigMap of the namespace), no {@code create} (RBAC cannot limit it to names, so the operator
 * creates every shard), no {@code delete}. The ServiceAccount mounts no token by default; only the
 * pods that write results opt in.
 */
public final class WorkerAccessTemplate {

  /** What a worker does with its results ConfigMaps: read them back, then add cells. */
  public static final List<String> VERBS = List.of("get", "update");

  private WorkerAccessTemplate() {}

  public static ServiceAccount serviceAccount(String sweep, String namespace) {
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withName(ChildNames.workerAccount(sweep))
        .withNamespace(namespace)
        .withLabels(Labels.of(sweep, Labels.ACCESS, null))
        .endMetadata()
        .withAutomountServiceAccountToken(false)
        .build();
  }

  /**
   * The Role granting {@code configMaps}, the results ConfigMaps that exist; no rule at all while
   * there are none, since a rule without names would grant every ConfigMap of the namespace.
   */
  public static Role role(String sweep, String namespace, List<String> configMaps) {
    List<PolicyRule> rules =
        configMaps.isEmpty()
            ? List.of()
            : List.of(
                new PolicyRuleBuilder()
                    .withApiGroups("")
                    .withResources("configmaps")
                    .withResourceNames(configMaps)
                    .withVerbs(VERBS)
                    .build());
    return new RoleBuilder()
        .withNewMetadata()
        .withName(ChildNames.workerAccount(sweep))
        .withNamespace(namespace)
        .withLabels(Labels.of(sweep, Labels.ACCESS, null))
        .endMetadata()
        .withRules(rules)
        .build();
  }

  public static RoleBinding roleBinding(String sweep, String namespace) {
    String name = ChildNames.workerAccount(sweep);
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(Labels.of(sweep, Labels.ACCESS, null))
        .endMetadata()
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role")
        .withName(name)
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(name)
        .withNamespace(namespace)
        .endSubject()
        .build();
  }
}
