package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.operator.observe.ResultShards;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The workflow's dependents for a sweep's pod identity ({@link WorkerAccessTemplate}), owned by the
 * sweep so that the garbage collector removes them with it. The ServiceAccount and the RoleBinding
 * never change; the Role follows the results ConfigMaps the operator has created so far.
 */
public final class WorkerAccessDependents {
  private WorkerAccessDependents() {}

  /** Base of the three: owned, selected by the {@link Labels#ACCESS} label, named per sweep. */
  abstract static class AccessDependent<R extends HasMetadata>
      extends KubernetesDependentResource<R, BenchmarkSweep>
      implements Creator<R, BenchmarkSweep>, SecondaryToPrimaryMapper<R> {

    AccessDependent(Class<R> type, String name) {
      super(type, name);
      configureWith(
          new KubernetesDependentResourceConfigBuilder<R>()
              .withKubernetesDependentInformerConfig(
                  InformerConfiguration.builder(type)
                      .withLabelSelector(Labels.selector(Labels.ACCESS))
                      .build())
              .build());
    }

    @Override
    protected ResourceID targetSecondaryResourceID(
        BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
      return new ResourceID(
          ChildNames.workerAccount(sweep.getMetadata().getName()),
          sweep.getMetadata().getNamespace());
    }

    @Override
    protected boolean addOwnerReference() {
      return true;
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(R resource) {
      return SweepChildren.sweepOf(resource);
    }
  }

  /** The sweep's ServiceAccount. */
  public static final class ServiceAccountDependent extends AccessDependent<ServiceAccount> {
    public static final String NAME = "worker-service-account";

    public ServiceAccountDependent() {
      super(ServiceAccount.class, NAME);
    }

    @Override
    protected ServiceAccount desired(BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
      return WorkerAccessTemplate.serviceAccount(
          sweep.getMetadata().getName(), sweep.getMetadata().getNamespace());
    }
  }

  /**
   * The sweep's Role, granting the results ConfigMaps owned by the sweep as the results dependent
   * holds them after its own reconcile (it runs first): the ones observed, and the ones it has just
   * created, so a Job created in the same reconcile finds its first shard granted. Updated when a
   * shard is added.
   */
  public static final class RoleDependent extends AccessDependent<Role>
      implements Updater<Role, BenchmarkSweep> {
    public static final String NAME = "worker-role";

    private final ResultShardsDependentResource results;

    public RoleDependent(ResultShardsDependentResource results) {
      super(Role.class, NAME);
      this.results = results;
    }

    @Override
    protected Role desired(BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
      String name = sweep.getMetadata().getName();
      ResultShards shards =
          ResultShards.of(sweep, results.getSecondaryResources(sweep, context).values());
      return WorkerAccessTemplate.role(
          name, sweep.getMetadata().getNamespace(), shards.names(name));
    }

    /** Only the rules matter; an empty rule list and none are the same. */
    @Override
    public Matcher.Result<Role> match(
        Role actual, Role desired, BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
      return Matcher.Result.computed(Objects.equals(rules(actual), rules(desired)), desired);
    }

    private static List<PolicyRule> rules(Role role) {
      return role.getRules() == null ? List.of() : role.getRules();
    }
  }

  /** Binds the sweep's Role to its ServiceAccount. */
  public static final class RoleBindingDependent extends AccessDependent<RoleBinding> {
    public static final String NAME = "worker-role-binding";

    public RoleBindingDependent() {
      super(RoleBinding.class, NAME);
    }

    @Override
    protected RoleBinding desired(BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
      return WorkerAccessTemplate.roleBinding(
          sweep.getMetadata().getName(), sweep.getMetadata().getNamespace());
    }
  }
}
