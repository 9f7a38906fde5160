package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.operator.observe.SweepObservation;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.util.List;
import java.util.Optional;

/**
 * The sweep's KubeRay {@code RayCluster} as a workflow dependent: created from {@link
 * RayClusterTemplate} while the Ray strategies need it ({@link RayClusterNeededCondition}), deleted
 * by the workflow once they finished or it failed (kept with {@code spec.ray.keepCluster}), and
 * with the sweep through its owner reference. Active only where KubeRay is installed ({@link
 * KubeRayInstalledCondition}): without the kind, JOSDK registers no informer, so the operator
 * starts and the sweep's other strategies run. Never updated: the plan it is made from is frozen.
 */
public class RayClusterDependentResource
    extends KubernetesDependentResource<RayCluster, BenchmarkSweep>
    implements Creator<RayCluster, BenchmarkSweep>, GarbageCollected<BenchmarkSweep> {

  public static final String NAME = "raycluster";

  private final RayClusterTemplate template;

  public RayClusterDependentResource(RayClusterTemplate template) {
    super(RayCluster.class, NAME);
    this.template = template;
  }

  @Override
  protected InformerEventSourceConfiguration.Builder<RayCluster> informerConfigurationBuilder(
      EventSourceContext<BenchmarkSweep> context) {
    // Only the RayClusters the operator made, in the namespaces it watches.
    return super.informerConfigurationBuilder(context)
        .withLabelSelector(Labels.selector(RayClusterTemplate.COMPONENT))
        .withNamespacesInheritedFromController();
  }

  @Override
  protected RayCluster desired(BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
    SweepObservation observed =
        context
            .managedWorkflowAndDependentResourceContext()
            .getMandatory(SweepObservation.CONTEXT_KEY, SweepObservation.class);
    GenericKubernetesResource cluster =
        template.rayCluster(
            sweep.getMetadata().getName(), sweep.getMetadata().getNamespace(), observed.spec());
    // The sweep controls it (JOSDK's own owner reference would not say so).
    cluster
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion(sweep.getApiVersion())
                    .withKind(sweep.getKind())
                    .withName(sweep.getMetadata().getName())
                    .withUid(sweep.getMetadata().getUid())
                    .withController(true)
                    .build()));
    return RayCluster.of(cluster);
  }

  /** The sweep's RayCluster in the informer's cache; empty while KubeRay is not known. */
  public static Optional<GenericKubernetesResource> cached(
      BenchmarkSweep sweep, Context<BenchmarkSweep> context) {
    String name = ChildNames.rayCluster(sweep.getMetadata().getName());
    return context.getSecondaryResources(RayCluster.class).stream()
        .filter(c -> name.equals(c.getMetadata().getName()))
        .findFirst()
        .map(RayCluster::untyped);
  }

  /** A kept cluster outlives its strategies: the workflow's delete leaves it alone. */
  @Override
  protected void handleDelete(
      BenchmarkSweep sweep, RayCluster cluster, Context<BenchmarkSweep> context) {
    SweepObservation observed =
        context
            .managedWorkflowAndDependentResourceContext()
            .getMandatory(SweepObservation.CONTEXT_KEY, SweepObservation.class);
    if (!observed.spec().effectiveRay().effectiveKeepCluster()) {
      super.handleDelete(sweep, cluster, context);
    }
  }
}
