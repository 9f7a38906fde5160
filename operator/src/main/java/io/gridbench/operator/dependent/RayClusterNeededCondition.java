package io.gridbench.operator.dependent;

import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.operator.observe.RayClusterState.Phase;
import io.gridbench.operator.observe.SweepObservation;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The RayCluster's reconcile precondition: the sweep's Ray strategies still need it (it is being
 * made or is ready). Once they finished, or it failed (a typed phase in status, never read back
 * from a condition's text), the workflow deletes it.
 */
public class RayClusterNeededCondition implements Condition<RayCluster, BenchmarkSweep> {

  @Override
  public boolean isMet(
      DependentResource<RayCluster, BenchmarkSweep> dependentResource,
      BenchmarkSweep sweep,
      Context<BenchmarkSweep> context) {
    Phase phase =
        context
            .managedWorkflowAndDependentResourceContext()
            .getMandatory(SweepObservation.CONTEXT_KEY, SweepObservation.class)
            .ray()
            .phase();
    return phase == Phase.WAITING || phase == Phase.READY;
  }
}
