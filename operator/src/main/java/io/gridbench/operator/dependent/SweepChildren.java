package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gridbench.api.plan.Labels;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Set;

/** Maps a child back to its sweep by the {@link Labels#SWEEP} label every child carries. */
public final class SweepChildren {
  private SweepChildren() {}

  public static Set<ResourceID> sweepOf(HasMetadata child) {
    Map<String, String> labels = child.getMetadata().getLabels();
    String sweep = labels == null ? null : labels.get(Labels.SWEEP);
    return sweep == null
        ? Set.of()
        : Set.of(new ResourceID(sweep, child.getMetadata().getNamespace()));
  }

  /** The strategy a child belongs to, or null. */
  public static String strategyOf(HasMetadata child) {
    Map<String, String> labels = child.getMetadata().getLabels();
    return labels == null ? null : labels.get(Labels.STRATEGY);
  }
}
