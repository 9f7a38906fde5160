package io.gridbench.api.manifest;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;

/** A validated BenchmarkSweep manifest: its name and its spec. */
public record SweepManifest(String name, BenchmarkSweepSpec spec) {

  /** The manifest as the custom resource it would become with {@code kubectl apply}. */
  public BenchmarkSweep toResource(String namespace) {
    BenchmarkSweep sweep = new BenchmarkSweep();
    sweep.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    sweep.setSpec(spec);
    return sweep;
  }
}
