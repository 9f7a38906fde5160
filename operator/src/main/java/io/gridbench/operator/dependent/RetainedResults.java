package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;

/**
 * Who owns a sweep's plan and results ConfigMaps. Both carry the sweep's uid as a label, which is
 * how the operator and the workers tell them from a same-named ConfigMap of another sweep. Without
 * {@code spec.retainResults} the sweep owns them (an owner reference: the garbage collector deletes
 * them with the sweep); with it they get no owner, from creation, so they outlive the sweep even
 * when it is deleted mid-run, and the label {@link Labels#RETAINED} that finds them again.
 */
final class RetainedResults {

  private RetainedResults() {}

  /** {@code cm} labelled with {@code sweep}'s uid, and owned by it unless {@code spec} retains. */
  static ConfigMap ownedOrRetained(ConfigMap cm, BenchmarkSweep sweep, BenchmarkSweepSpec spec) {
    ConfigMapBuilder labelled =
        new ConfigMapBuilder(cm)
            .editMetadata()
            .addToLabels(Labels.SWEEP_UID, sweep.getMetadata().getUid())
            .endMetadata();
    if (spec.retainsResults()) {
      return labelled.editMetadata().addToLabels(Labels.RETAINED, "true").endMetadata().build();
    }
    ConfigMap owned = labelled.build();
    owned.addOwnerReference(sweep);
    return owned;
  }
}
