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
    assertThat(ChildNames.workerAccount("s")).isEqualTo("s-worker");
  }

  @Test
  void aShardNameGivesBackItsIndexAndNothingElseDoes() {
    assertThat(ChildNames.resultsShard("s", "a", "s-a")).isZero();
    assertThat(ChildNames.resultsShard("s", "a", ChildNames.resultsConfigMap("s", "a", 7)))
        .isEqualTo(7);
    assertThat(ChildNames.resultsShard("s", "a", "s-a.plan")).isEqualTo(-1);
    assertThat(ChildNames.resultsShard("s", "a", "s-a.0")).isEqualTo(-1);
    assertThat(ChildNames.resultsShard("s", "a", "s-ab")).isEqualTo(-1);
    assertThat(ChildNames.resultsShard("s", "a", "s-b")).isEqualTo(-1);
  }
}
