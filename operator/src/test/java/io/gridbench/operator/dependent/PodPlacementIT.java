package io.gridbench.operator.dependent;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.PlacementSpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.status.Reasons;
import io.gridbench.operator.testing.FakeKubeRay;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.OperatorInNamespace;
import io.gridbench.operator.testing.SweepAwaits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.placement} on a real kube-apiserver with KubeRay's RayCluster CRD: it survives the
 * sweep's own schema, reaches the stored local and Ray submit Jobs' pod templates and the stored
 * RayCluster's head and worker templates (KubeRay's structural schema would prune what it does not
 * know), and a malformed placement is refused before any child exists.
 */
class PodPlacementIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
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
          .withKey("kubernetes.io/arch")
          .withOperator("In")
          .withValues("amd64", "arm64")
          .endMatchExpression()
          .endNodeSelectorTerm()
          .endRequiredDuringSchedulingIgnoredDuringExecution()
          .endNodeAffinity()
          .build();

  private KubernetesClient client;
  private FakeKubelet kubelet;
  private SweepAwaits awaits;
  private String ns;
  private OperatorInNamespace running;

  @BeforeEach
  void startOperator() {
    running = OperatorInNamespace.start("place", true);
    client = running.client();
    ns = running.ns();
    awaits = running.awaits();
    kubelet = new FakeKubelet(client);
  }

  @AfterEach
  void stopOperator() {
    if (running != null) {
      running.close();
    }
  }

  private static PlacementSpec placement() {
    PlacementSpec p = new PlacementSpec();
    p.setNodeSelector(Map.of("gridbench.io/pool", "bench"));
    p.setTolerations(List.of(TOLERATION));
    p.setAffinity(AFFINITY);
    return p;
  }

  @Test
  void thePlacementReachesTheJobsAndTheRayClustersPodTemplates() throws Exception {
    BenchmarkSweep s =
        sweep("placed", ns, single("a"), new StrategySpec("r", StrategyType.RayTasks));
    s.getSpec().setPlacement(placement());
    BenchmarkSweep created = client.resource(s).create();
    assertThat(created.getSpec().getPlacement())
        .as("the CRD's schema keeps every field of the placement")
        .isEqualTo(placement());

    Job local = awaits.awaitJob("placed-a");
    assertPlaced("local Job", local.getSpec().getTemplate().getSpec());

    GenericKubernetesResource cluster =
        await().atMost(WAIT).until(() -> rayCluster("placed"), c -> c != null);
    assertPlaced("Ray head", rayPod(cluster, "headGroupSpec"));
    assertPlaced("Ray workers", rayPod(cluster, "workerGroupSpecs"));

    kubelet.run(local);
    FakeKubeRay.setStatus(client, cluster, FakeKubeRay.readyStatus());
    Job submit = awaits.awaitJob("placed-r");
    assertPlaced("Ray submit Job", submit.getSpec().getTemplate().getSpec());
  }

  @Test
  void aMalformedPlacementIsRefusedWithItsFieldAndNoChildren() {
    BenchmarkSweep s = sweep("misplaced", ns, single("a"));
    PlacementSpec p = new PlacementSpec();
    p.setTolerations(List.of(new TolerationBuilder().withKey("k").withOperator("Equals").build()));
    s.getSpec().setPlacement(p);
    client.resource(s).create();

    var status = awaits.awaitStatus("misplaced", st -> st.getPhase() == SweepPhase.Failed);
    assertThat(status.getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(Reasons.READY);
              assertThat(c.getReason()).isEqualTo(Reasons.INVALID_SPEC);
              assertThat(c.getMessage())
                  .contains(
                      "spec.placement.tolerations[0].operator: 'Equals' is not allowed; use Equal"
                          + " (default) or Exists.");
            });
    assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(
            client.configMaps().inNamespace(ns).withLabel("gridbench.io/sweep").list().getItems())
        .isEmpty();
  }

  private static void assertPlaced(String what, PodSpec pod) {
    assertThat(pod.getNodeSelector())
        .as(what)
        .containsExactly(Map.entry("gridbench.io/pool", "bench"));
    assertThat(pod.getTolerations()).as(what).containsExactly(TOLERATION);
    assertThat(pod.getAffinity()).as(what).isEqualTo(AFFINITY);
  }

  private GenericKubernetesResource rayCluster(String sweep) {
    return client
        .genericKubernetesResources(RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND)
        .inNamespace(ns)
        .withName(ChildNames.rayCluster(sweep))
        .get();
  }

  @SuppressWarnings("unchecked")
  private static PodSpec rayPod(GenericKubernetesResource cluster, String group) {
    Map<String, Object> spec = (Map<String, Object>) cluster.getAdditionalProperties().get("spec");
    Object g = spec.get(group);
    Map<String, Object> groupSpec =
        g instanceof List<?> l ? (Map<String, Object>) l.get(0) : (Map<String, Object>) g;
    Map<String, Object> template = (Map<String, Object>) groupSpec.get("template");
    return Serialization.jsonMapper().convertValue(template.get("spec"), PodSpec.class);
  }
}
