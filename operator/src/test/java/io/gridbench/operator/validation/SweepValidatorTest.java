package io.gridbench.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepValidatorTest {

  private final SweepValidator validator = new SweepValidator();

  private static BenchmarkSweep sweep(String name, StrategySpec... strategies) {
    BenchmarkSweepSpec spec = new BenchmarkSweepSpec();
    spec.setGrid(new Grid(Axis.of(0, 10), Axis.of(0, 10)));
    spec.setStrategies(new ArrayList<>(List.of(strategies)));
    BenchmarkSweep s = new BenchmarkSweep();
    s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
    s.setSpec(spec);
    return s;
  }

  @Test
  void aRunnableSweepHasNoProblems() {
    assertThat(validator.validate(sweep("ok", new StrategySpec("a", StrategyType.ProcessPool))))
        .isEmpty();
  }

  @Test
  void sharedRulesStillApply() {
    assertThat(
            validator.validate(
                sweep(
                    "dup",
                    new StrategySpec("a", StrategyType.SingleThread),
                    new StrategySpec("a", StrategyType.ThreadPool))))
        .containsExactly(
            "spec.strategies[1].name: 'a' is used twice; strategy names must be unique.");
  }

  @Test
  void aJobNameLongerThanALabelValueIsRefused() {
    String sweepName = "x".repeat(30);
    String strategy = "y".repeat(33);

    assertThat(
            validator.validate(
                sweep(sweepName, new StrategySpec(strategy, StrategyType.SingleThread))))
        .singleElement()
        .asString()
        .startsWith("spec.strategies[0].name: the Job name")
        .contains("has 64 characters; at most 63 are allowed");
  }

  @Test
  void rayTypesAreAccepted() {
    assertThat(validator.validate(sweep("r", new StrategySpec("r", StrategyType.RayActors))))
        .isEmpty();
  }

  @Test
  void aSweepNameTooLongForTheHeadServiceIsRefusedOnlyWithRayStrategies() {
    String name = "x".repeat(51);

    assertThat(validator.validate(sweep(name, new StrategySpec("r", StrategyType.RayTasks))))
        .singleElement()
        .asString()
        .startsWith("metadata.name: a sweep with Ray strategies names its RayCluster's head")
        .contains("'" + name + "-ray-head-svc'")
        .contains("rename the sweep (at most 50 characters");
    assertThat(validator.validate(sweep(name, new StrategySpec("a", StrategyType.SingleThread))))
        .isEmpty();
  }

  @Test
  void aSweepNameStartingWithADigitIsRefusedWithRayStrategies() {
    assertThat(validator.validate(sweep("1ray", new StrategySpec("r", StrategyType.RayPool))))
        .singleElement()
        .asString()
        .contains("must start with a letter");
  }

  @Test
  void rayNodeSizesMustBePositiveQuantities() {
    BenchmarkSweep s = sweep("r", new StrategySpec("r", StrategyType.RayPool));
    RaySpec ray = new RaySpec();
    ray.setCpu("two");
    ray.setMemory("0");
    s.getSpec().setRay(ray);

    assertThat(validator.validate(s))
        .containsExactly(
            "spec.ray.cpu: 'two' is not a positive Kubernetes quantity; write for example 2 or"
                + " 500m.",
            "spec.ray.memory: '0' is not a positive Kubernetes quantity; write for example 4Gi.");
  }

  @Test
  void aRayPoolNeedingMorePodsThanMaxWorkersIsRefusedWithOneLine() {
    BenchmarkSweep s = sweep("scale", new StrategySpec("r", StrategyType.RayPool));
    s.getSpec().getGrid().setCompute(Axis.of(0));
    s.getSpec().getGrid().setWorkers(Axis.of(1, 4, 16));
    assertThat(validator.validate(s))
        .containsExactly(
            "spec.grid.workers: the largest Ray pool, 16 workers at 1 Ray CPU per node"
                + " (spec.ray.cpu rounded up, as KubeRay starts the nodes), needs 15 Ray worker"
                + " pods besides the head; spec.ray.maxWorkers allows 0 to 8. Lower the pool, or"
                + " raise spec.ray.cpu or spec.ray.maxWorkers.");
    RaySpec ray = new RaySpec();
    ray.setMaxWorkers(15);
    s.getSpec().setRay(ray);
    assertThat(validator.validate(s)).isEmpty();
    ray.setMaxWorkers(null);
    ray.setWorkers(9);
    assertThat(validator.validate(s))
        .containsExactly(
            "spec.ray.workers: 9 Ray worker pods are more than spec.ray.maxWorkers allows (8); ask"
                + " for fewer or raise spec.ray.maxWorkers.");
  }

  @Test
  void anActorAskingMoreCpuThanARayNodeHasIsRefusedWithOneLine() {
    StrategySpec big = new StrategySpec("r", StrategyType.RayActors);
    big.setActorResources(Map.of("CPU", 2.0));
    BenchmarkSweep s = sweep("big", big);
    RaySpec ray = new RaySpec();
    ray.setCpu("1500m");
    s.getSpec().setRay(ray);
    assertThat(validator.validate(s)).isEmpty();
    ray.setCpu("500m");
    assertThat(validator.validate(s))
        .containsExactly(
            "spec.strategies[0].actorResources: CPU 2.0 is more than a Ray node has (1 Ray CPU at"
                + " spec.ray.cpu 500m, rounded up as KubeRay does); ask for at most 1 or raise"
                + " spec.ray.cpu.");
  }

  @Test
  void theRaySweepExampleIsValidAndSizesItsCluster() throws Exception {
    BenchmarkSweep example;
    try (InputStream in =
        java.nio.file.Files.newInputStream(
            java.nio.file.Path.of("..", "examples", "ray-sweep.yaml"))) {
      example = Serialization.unmarshal(in, BenchmarkSweep.class);
    }

    assertThat(validator.validate(example)).isEmpty();
    assertThat(example.getSpec().getRay().getWorkers()).isEqualTo(2);
    assertThat(example.getSpec().hasRayStrategies()).isTrue();
  }

  private static io.fabric8.kubernetes.api.model.ConfigMap leftover(String name, boolean retained) {
    var cm =
        new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels(io.gridbench.api.plan.Labels.SWEEP, "ok")
            .endMetadata()
            .build();
    if (retained) {
      cm.getMetadata().getLabels().put(io.gridbench.api.plan.Labels.RETAINED, "true");
    }
    return cm;
  }

  @Test
  void retainedResultsOfAnEarlierSweepOfTheNameBlockItWithHowToDeleteThem() {
    assertThat(
            validator.validate(
                sweep("ok", new StrategySpec("a", StrategyType.SingleThread)),
                List.of(
                    leftover("ok-a", true), leftover("ok.plan", true), leftover("ok-a.1", true))))
        .containsExactly(
            "metadata.name: the retained results of an earlier sweep named ok (ConfigMap ok.plan"
                + " and 2 results ConfigMaps) hold the names this sweep needs; fetch them if"
                + " wanted (gridbench fetch ok -n ns), then delete them (kubectl delete configmap"
                + " -n ns -l gridbench.io/retained=true,gridbench.io/sweep=ok), or give this sweep"
                + " another name; it starts once they are gone.");
  }

  @Test
  void aDeletedSweepsConfigMapsAwaitingGarbageCollectionBlockItUntilGone() {
    assertThat(
            validator.validate(
                sweep("ok", new StrategySpec("a", StrategyType.SingleThread)),
                List.of(leftover("ok-a", false))))
        .containsExactly(
            "metadata.name: a deleted sweep named ok left 1 results ConfigMap, which the garbage"
                + " collector removes; this sweep starts once they are gone.");
    assertThat(
            validator.validate(
                sweep("ok", new StrategySpec("a", StrategyType.SingleThread)), List.of()))
        .isEmpty();
  }
}
