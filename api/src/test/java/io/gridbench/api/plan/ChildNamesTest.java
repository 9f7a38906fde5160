package io.gridbench.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChildNamesTest {

  @Test
  void everyChildIsNamedAfterItsSweep() {
    assertThat(ChildNames.planConfigMap("s")).isEqualTo("s.plan");
    assertThat(ChildNames.job("s", "a")).isEqualTo("s-a");
    assertThat(ChildNames.resultsConfigMap("s", "a", 0)).isEqualTo("s-a");
    assertThat(ChildNames.resultsConfigMap("s", "a", 2)).isEqualTo("s-a.2");
    assertThat(ChildNames.rayCluster("s")).isEqualTo("s-ray");
    assertThat(ChildNames.rayHeadService("s")).isEqualTo("s-ray-head-svc");
  }
}
