package io.gridbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.PlacementSpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.operator.OperatorSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every pod the operator builds for a sweep carries its placement: Jobs and Ray nodes alike. */
class PodPlacementTest {

  private static final OperatorSettings SETTINGS = OperatorSettings.from(Map.of());
  private static final StrategySpec LOCAL = new StrategySpec("local", StrategyType.ThreadPool);
  private static final StrategySpec PYTHON = new StrategySpec("py", StrategyType.PythonPool);
  private static final StrategySpec RAY = new StrategySpec("ray", StrategyType.RayPool);

  private static final Toleration TOLERATION =
      new TolerationBuilder()
          .withKey("dedicated")
          .withOperator("Equal")
          .withValue("bench")
          .withEffect("NoSchedule")
          .build();
  private static final Affinity AFFINITY =
      new AffinityBuilder()
          .withNewNodeAffinity()
          .withNewRequiredDuringSchedulingIgnoredDuringExecution()
          .addNewNodeSelectorTerm()
          .addNewMatchExpression()
          .withKey("node.kubernetes.io/instance-type")
          .withOperator("In")
          .withValues("c6i.2xlarge")
          .endMatchExpression()
          .endNodeSelectorTerm()
          .endRequiredDuringSchedulingIgnoredDuringExecution()
          .endNodeAffinity()
          .build();

  private static BenchmarkSweepSpec spec(PlacementSpec placement) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(1), Axis.of(1)));
    spec.setStrategies(List.of(LOCAL, PYTHON, RAY));
    spec.setPlacement(placement);
    return spec;
  }

  private static PlacementSpec placement() {
    PlacementSpec p = new PlacementSpec();
    p.setNodeSelector(Map.of("gridbench.io/pool", "bench"));
    p.setTolerations(List.of(TOLERATION));
    p.setAffinity(AFFINITY);
    return p;
  }

  private static PodSpec jobPod(BenchmarkSweepSpec spec, StrategySpec strategy) {
    SweepPlan plan = new SweepPlan(SweepPlan.SCHEMA_VERSION, "s", "ns", "uid", 1, spec);
    return new JobTemplate(SETTINGS).job(plan, strategy).getSpec().getTemplate().getSpec();
  }

  @SuppressWarnings("unchecked")
  private static List<PodSpec> rayPods(BenchmarkSweepSpec spec) {
    Map<String, Object> cluster =
        (Map<String, Object>)
            new RayClusterTemplate(SETTINGS)
                .rayCluster("s", "ns", spec)
                .getAdditionalProperties()
                .get("spec");
    Map<String, Object> head = (Map<String, Object>) cluster.get("headGroupSpec");
    Map<String, Object> workers =
        ((List<Map<String, Object>>) cluster.get("workerGroupSpecs")).get(0);
    return List.of(podSpec(head.get("template")), podSpec(workers.get("template")));
  }

  @SuppressWarnings("unchecked")
  private static PodSpec podSpec(Object template) {
    return Serialization.jsonMapper()
        .convertValue(((Map<String, Object>) template).get("spec"), PodSpec.class);
  }

  @Test
  void everyJobPodAndBothRayPodTemplatesCarryThePlacement() {
    BenchmarkSweepSpec spec = spec(placement());
    List<PodSpec> pods =
        List.of(
            jobPod(spec, LOCAL),
            jobPod(spec, PYTHON),
            jobPod(spec, RAY),
            rayPods(spec).get(0),
            rayPods(spec).get(1));
    assertThat(pods)
        .allSatisfy(
            pod -> {
              assertThat(pod.getNodeSelector())
                  .containsExactly(Map.entry("gridbench.io/pool", "bench"));
              assertThat(pod.getTolerations()).containsExactly(TOLERATION);
              assertThat(pod.getAffinity()).isEqualTo(AFFINITY);
            });
  }

  @Test
  void thePodsDoNotShareTheSpecsObjects() {
    BenchmarkSweepSpec spec = spec(placement());
    PodSpec pod = jobPod(spec, LOCAL);
    pod.getTolerations().get(0).setValue("changed");
    pod.getAffinity().setNodeAffinity(null);
    assertThat(spec.getPlacement().getTolerations().get(0).getValue()).isEqualTo("bench");
    assertThat(spec.getPlacement().getAffinity()).isEqualTo(AFFINITY);
  }

  @Test
  void withoutPlacementThePodsLeaveTheSchedulerFree() {
    for (PlacementSpec none : java.util.Arrays.asList(null, new PlacementSpec())) {
      BenchmarkSweepSpec spec = spec(none);
      List<PodSpec> pods =
          List.of(
              jobPod(spec, LOCAL), jobPod(spec, RAY), rayPods(spec).get(0), rayPods(spec).get(1));
      assertThat(pods)
          .allSatisfy(
              pod -> {
                assertThat(pod.getNodeSelector()).isNullOrEmpty();
                assertThat(pod.getTolerations()).isNullOrEmpty();
                assertThat(pod.getAffinity()).isNull();
              });
    }
  }

  @Test
  void onlyTheGivenFieldsAreSet() {
    PlacementSpec p = new PlacementSpec();
    p.setNodeSelector(Map.of("kubernetes.io/arch", "amd64"));
    PodSpec pod = jobPod(spec(p), LOCAL);
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
    assertThat(pod.getTolerations()).isNullOrEmpty();
    assertThat(pod.getAffinity()).isNull();
  }
}
