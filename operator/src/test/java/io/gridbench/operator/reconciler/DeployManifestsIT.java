package io.gridbench.operator.reconciler;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyType;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.dependent.RayClusterTemplate;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.TestApiServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The RBAC in {@code operator/deploy/} is enough: the operator runs as its service account and
 * creates the sweep's own account, and the worker runs as that, both impersonated against the API
 * server's RBAC.
 */
class DeployManifestsIT {

  private static final Path DEPLOY = Path.of("deploy");

  private static List<HasMetadata> load(KubernetesClient client, String file) throws IOException {
    try (InputStream in = Files.newInputStream(DEPLOY.resolve(file))) {
      return client.load(in).items();
    }
  }

  @Test
  void aSweepSucceedsWithOnlyThePermissionsTheManifestsGrant() throws Exception {
    String ns = "deploy-" + ProcessHandle.current().pid();
    try (KubernetesClient admin = TestApiServer.client()) {
      for (HasMetadata item : load(admin, "operator.yaml")) {
        admin.resource(item).fieldManager("it").forceConflicts().serverSideApply();
      }
      TestApiServer.createNamespace(admin, ns);

      try (KubernetesClient asOperator =
          TestApiServer.clientAs("gridbench-system", "gridbench-operator")) {
        Operator operator =
            GridbenchOperator.create(
                OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
                Clock.systemUTC(),
                asOperator);
        operator.start();
        try {
          FakeKubelet kubelet = FakeKubelet.withPodAccounts(admin);
          BenchmarkSweep s = sweep("rbac", ns, single("a"));
          s.getSpec().setTasksPerCell(1);
          admin.resource(s).create();
          Job job =
              await()
                  .atMost(Duration.ofSeconds(30))
                  .until(
                      () -> admin.batch().v1().jobs().inNamespace(ns).withName("rbac-a").get(),
                      j -> j != null);
          kubelet.run(job);
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      admin.resources(BenchmarkSweep.class).inNamespace(ns).withName("rbac").get(),
                  b -> b.getStatus() != null && b.getStatus().getPhase() == SweepPhase.Succeeded);
          assertThat(admin.configMaps().inNamespace(ns).withName("rbac-a").get().getData())
              .as("four cells, the drift canary's report and the machine")
              .hasSize(6)
              .containsKeys(ResultsConfigMaps.DRIFT_KEY, ResultsConfigMaps.MACHINE_KEY);
        } finally {
          operator.stop();
        }
      }
    }
  }

  @Test
  void theOperatorManifestLetsItCreateAndDeleteTheRayClusterOfARaySweep() throws Exception {
    String ns = "deployray-" + ProcessHandle.current().pid();
    try (KubernetesClient admin = TestApiServer.client()) {
      TestApiServer.installRayClusterCrd(admin);
      for (HasMetadata item : load(admin, "operator.yaml")) {
        admin.resource(item).fieldManager("it").forceConflicts().serverSideApply();
      }
      TestApiServer.createNamespace(admin, ns);
      try (KubernetesClient asOperator =
          TestApiServer.clientAs("gridbench-system", "gridbench-operator")) {
        Operator operator =
            GridbenchOperator.create(
                OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
                Clock.systemUTC(),
                asOperator);
        operator.start();
        try {
          admin
              .resource(sweep("rbacray", ns, new StrategySpec("r", StrategyType.RayTasks)))
              .create();
          var cluster =
              admin
                  .genericKubernetesResources(
                      RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND)
                  .inNamespace(ns)
                  .withName(ChildNames.rayCluster("rbacray"));
          GenericKubernetesResource created =
              await().atMost(Duration.ofSeconds(30)).until(cluster::get, c -> c != null);
          created.setAdditionalProperty("status", Map.of("state", "ready"));
          admin
              .genericKubernetesResources(RayClusterTemplate.API_VERSION, RayClusterTemplate.KIND)
              .inNamespace(ns)
              .resource(created)
              .updateStatus();
          Job job =
              await()
                  .atMost(Duration.ofSeconds(30))
                  .until(
                      () -> admin.batch().v1().jobs().inNamespace(ns).withName("rbacray-r").get(),
                      j -> j != null);
          new FakeKubelet(admin).complete(job);

          await().atMost(Duration.ofSeconds(30)).until(() -> cluster.get() == null);
        } finally {
          operator.stop();
        }
      }
    }
  }
}
