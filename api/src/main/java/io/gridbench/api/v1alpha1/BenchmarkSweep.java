package io.gridbench.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A sweep: every strategy of the spec runs the same grid of cells; results land in status. */
@Group(BenchmarkSweep.GROUP)
@Version(BenchmarkSweep.VERSION)
@ShortNames({"sweep", "sweeps"})
@Categories(BenchmarkSweep.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress")
@AdditionalPrinterColumn(name = "Fastest", jsonPath = ".status.summary.fastest")
@AdditionalPrinterColumn(name = "Duration", jsonPath = ".status.duration")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class BenchmarkSweep extends CustomResource<BenchmarkSweepSpec, BenchmarkSweepStatus>
    implements Namespaced {

  public static final String GROUP = "gridbench.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "BenchmarkSweep";

  /** {@code kubectl get gridbench} lists every gridbench resource. */
  public static final String CATEGORY = "gridbench";
}
