package io.gridbench.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.gridbench.api.v1alpha1.PlacementSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementValidatorTest {

  private static PlacementSpec selector(String key, String value) {
    PlacementSpec p = new PlacementSpec();
    p.setNodeSelector(Map.of(key, value));
    return p;
  }

  private static PlacementSpec toleration(TolerationBuilder t) {
    PlacementSpec p = new PlacementSpec();
    p.setTolerations(List.of(t.build()));
    return p;
  }

  @Test
  void absentOrWellFormedPlacementHasNoProblems() {
    assertThat(PlacementValidator.validate(null)).isEmpty();
    PlacementSpec p = selector("node.kubernetes.io/instance-type", "c6i.2xlarge");
    p.setTolerations(
        List.of(
            new TolerationBuilder()
                .withKey("dedicated")
                .withValue("bench")
                .withEffect("NoSchedule")
                .build(),
            new TolerationBuilder().withOperator("Exists").build(),
            new TolerationBuilder()
                .withKey("node.kubernetes.io/unreachable")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(30L)
                .build()));
    p.setAffinity(
        new AffinityBuilder()
            .withNewNodeAffinity()
            .addNewPreferredDuringSchedulingIgnoredDuringExecution()
            .withWeight(50)
            .withNewPreference()
            .addNewMatchExpression()
            .withKey("cpu")
            .withOperator("Gt")
            .withValues("8")
            .endMatchExpression()
            .endPreference()
            .endPreferredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .withNewPodAntiAffinity()
            .addNewRequiredDuringSchedulingIgnoredDuringExecution()
            .withTopologyKey("kubernetes.io/hostname")
            .withNewLabelSelector()
            .addToMatchLabels("app", "noisy")
            .endLabelSelector()
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endPodAntiAffinity()
            .build());
    assertThat(PlacementValidator.validate(p)).isEmpty();
  }

  @Test
  void badNodeSelectorKeysAndValuesAreNamed() {
    assertThat(PlacementValidator.validate(selector("bad key", "x")))
        .containsExactly(
            "spec.placement.nodeSelector['bad key']: 'bad key' is not a label key; write an"
                + " optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or"
                + " '.', starting and ending with a letter or digit.");
    assertThat(PlacementValidator.validate(selector("Example.COM/x", "x")))
        .singleElement()
        .asString()
        .startsWith("spec.placement.nodeSelector['Example.COM/x']: ");
    assertThat(PlacementValidator.validate(selector("pool", "-bench")))
        .singleElement()
        .asString()
        .startsWith("spec.placement.nodeSelector['pool']: the value '-bench' is not a label value");
    assertThat(PlacementValidator.validate(selector("pool", "x".repeat(64)))).hasSize(1);
  }

  @Test
  void eachTolerationRuleHasItsOwnMessage() {
    assertThat(
            PlacementValidator.validate(
                toleration(new TolerationBuilder().withKey("k").withOperator("Equals"))))
        .containsExactly(
            "spec.placement.tolerations[0].operator: 'Equals' is not allowed; use Equal (default)"
                + " or Exists.");
    assertThat(
            PlacementValidator.validate(
                toleration(new TolerationBuilder().withKey("k").withEffect("NoRun"))))
        .singleElement()
        .asString()
        .startsWith("spec.placement.tolerations[0].effect: 'NoRun' is not allowed");
    assertThat(
            PlacementValidator.validate(
                toleration(
                    new TolerationBuilder().withKey("k").withOperator("Exists").withValue("v"))))
        .containsExactly(
            "spec.placement.tolerations[0].value: must be empty with operator Exists; remove it"
                + " or use operator Equal.");
    assertThat(PlacementValidator.validate(toleration(new TolerationBuilder().withValue("v"))))
        .singleElement()
        .asString()
        .startsWith("spec.placement.tolerations[0].key: an empty key");
    assertThat(
            PlacementValidator.validate(
                toleration(
                    new TolerationBuilder()
                        .withKey("k")
                        .withEffect("NoSchedule")
                        .withTolerationSeconds(5L))))
        .singleElement()
        .asString()
        .startsWith("spec.placement.tolerations[0].tolerationSeconds: only allowed with effect");
  }

  @Test
  void affinityOperatorsValuesWeightsAndTopologyKeysAreChecked() {
    PlacementSpec p = new PlacementSpec();
    p.setAffinity(
        new AffinityBuilder()
            .withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .addNewNodeSelectorTerm()
            .addNewMatchExpression()
            .withKey("zone")
            .withOperator("Within")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("zone")
            .withOperator("In")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("cpu")
            .withOperator("Gt")
            .withValues("many")
            .endMatchExpression()
            .endNodeSelectorTerm()
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .addNewPreferredDuringSchedulingIgnoredDuringExecution()
            .withWeight(0)
            .withNewPreference()
            .endPreference()
            .endPreferredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .withNewPodAffinity()
            .addNewRequiredDuringSchedulingIgnoredDuringExecution()
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endPodAffinity()
            .build());
    String node = "spec.placement.affinity.nodeAffinity.";
    String required = node + "requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]";
    assertThat(PlacementValidator.validate(p))
        .containsExactly(
            required
                + ".matchExpressions[0].operator: 'Within' is not allowed; use one of"
                + " DoesNotExist, Exists, Gt, In, Lt, NotIn.",
            required + ".matchExpressions[1].values: operator In needs at least one value.",
            required + ".matchExpressions[2].values: operator Gt needs exactly one whole number.",
            node
                + "preferredDuringSchedulingIgnoredDuringExecution[0].weight: 0 is outside 1 to"
                + " 100.",
            "spec.placement.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]"
                + ".topologyKey: required, e.g. kubernetes.io/hostname (the same node) or"
                + " topology.kubernetes.io/zone.");
  }

  @Test
  void anEmptyRequiredNodeAffinityIsRefused() {
    PlacementSpec p = new PlacementSpec();
    p.setAffinity(
        new AffinityBuilder()
            .withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .build());
    assertThat(PlacementValidator.validate(p))
        .containsExactly(
            "spec.placement.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                + ".nodeSelectorTerms: give at least one term.");
  }
}
