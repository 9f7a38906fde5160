package io.gridbench.operator.chart;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.Helm;
import io.gridbench.operator.testing.TestApiServer;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's rendered manifests are accepted by a real API server, and their RBAC is enough: with
 * watchNamespaces set (no cluster-wide permission) the operator runs as the chart's service account
 * and creates the sweep's own account (which RBAC allows only because the operator holds what it
 * grants), and the worker runs as that account, both impersonated against the RBAC authorizer.
 */
class HelmChartIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theDefaultRenderingIsAcceptedByTheApiServer() throws Exception {
    String release = "gbc" + ProcessHandle.current().pid();
    try (KubernetesClient admin = TestApiServer.client()) {
      TestApiServer.createNamespace(admin, release);
      List<HasMetadata> applied =
          apply(
              admin,
              Helm.run("template", release, "CHART", "-n", release, "--include-crds").orFail());
      assertThat(applied)
          .extracting(HasMetadata::getKind)
          .contains(
              "CustomResourceDefinition",
              "ClusterRole",
              "ClusterRoleBinding",
              "Deployment",
              "Service",
              "ServiceAccount",
              "ConfigMap");
    }
  }

  @Test
  void aSweepSucceedsWithOnlyThePermissionsTheChartGrantsInItsWatchedNamespace() throws Exception {
    String pid = Long.toString(ProcessHandle.current().pid());
    String system = "gb-system-" + pid;
    String ns = "gb-sweeps-" + pid;
    try (KubernetesClient admin = TestApiServer.client()) {
      TestApiServer.createNamespace(admin, system);
      TestApiServer.createNamespace(admin, ns);
      List<HasMetadata> applied =
          apply(admin, Helm.template("gb", system, "watchNamespaces={" + ns + "}"));
      assertThat(applied).extracting(HasMetadata::getKind).doesNotContain("ClusterRole");

      try (KubernetesClient asOperator = TestApiServer.clientAs(system, "gb-gridbench")) {
        Operator operator =
            GridbenchOperator.create(
                OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
                Clock.systemUTC(),
                asOperator);
        operator.start();
        try {
          BenchmarkSweep s = sweep("chart", ns, single("a"));
          s.getSpec().setTasksPerCell(1);
          admin.resource(s).create();
          Job job =
              await()
                  .atMost(WAIT)
                  .until(
                      () -> admin.batch().v1().jobs().inNamespace(ns).withName("chart-a").get(),
                      j -> j != null);
          FakeKubelet.withPodAccounts(admin).run(job);
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      admin.resources(BenchmarkSweep.class).inNamespace(ns).withName("chart").get(),
                  b -> b.getStatus() != null && b.getStatus().getPhase() == SweepPhase.Succeeded);
        } finally {
          operator.stop();
        }
      }
    }
  }

  /**
   * Server-side applies every object of {@code yaml}, as {@code helm install} would create them.
   */
  private static List<HasMetadata> apply(KubernetesClient admin, String yaml) {
    List<HasMetadata> objects = Serialization.unmarshal(yaml);
    for (HasMetadata item : objects) {
      admin.resource(item).fieldManager("helm-it").forceConflicts().serverSideApply();
    }
    return objects;
  }
}
