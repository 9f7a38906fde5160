package io.gridbench.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.operator.testing.Helm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart lints, renders least-privilege RBAC and a locked-down Deployment, and ships the CRD.
 */
class HelmChartTest {

  private static final Path CRD = Path.of("..", "crds", "benchmarksweeps.gridbench.io-v1.yml");
  private static final Path DASHBOARD = Helm.CHART.resolve("dashboards/gridbench.json");

  @Test
  void lintsCleanWithDefaultsAndWithEveryOptionOn() throws Exception {
    assertThat(Helm.run("lint", "--strict", "CHART").orFail()).contains("0 chart(s) failed");
    assertThat(
            Helm.run(
                    "lint",
                    "--strict",
                    "CHART",
                    "--set",
                    "watchNamespaces={a,b}",
                    "--set",
                    "metrics.serviceMonitor.enabled=true")
                .orFail())
        .contains("0 chart(s) failed");
  }

  @Test
  void theChartsCrdIsTheGeneratedOne() throws Exception {
    // helm prints each CRD file after a "---" separator.
    String shown = Helm.run("show", "crds", "CHART").orFail().strip();
    assertThat(shown).startsWith("---");
    assertThat(shown.substring(3).strip()).isEqualTo(Files.readString(CRD).strip());
  }

  @Test
  void watchingEveryNamespaceGivesAClusterRoleWithTheOperatorsRulesOnly() throws Exception {
    List<HasMetadata> objects = render("gridbench", "gridbench-system");
    Map<String, List<String>> kinds = kinds(objects);
    assertThat(kinds.get("ClusterRole")).containsExactly("gridbench-operator");
    assertThat(kinds.get("ClusterRoleBinding")).containsExactly("gridbench-operator");
    assertThat(kinds).doesNotContainKey("ServiceMonitor");
    List<PolicyRule> rules =
        one(objects, io.fabric8.kubernetes.api.model.rbac.ClusterRole.class).getRules();
    assertThat(verbs(rules, "benchmarksweeps")).containsExactly("get", "list", "watch");
    assertThat(verbs(rules, "pods")).containsExactly("get", "list", "watch");
    assertThat(rules)
        .flatExtracting(PolicyRule::getVerbs)
        .doesNotContain("deletecollection", "*", "escalate", "bind", "impersonate");
    // Deleting is for a sweep's RayCluster once its Ray strategies are done, nothing else.
    assertThat(rules)
        .filteredOn(r -> r.getVerbs().contains("delete"))
        .singleElement()
        .satisfies(r -> assertThat(r.getResources()).containsExactly("rayclusters"));
    assertThat(rules).flatExtracting(PolicyRule::getResources).doesNotContain("secrets", "*");
    // Each sweep's own account: created by server-side apply, never deleted, and the operator
    // holds what the sweep's Role grants (get and update on ConfigMaps) instead of escalate/bind.
    assertThat(verbs(rules, "serviceaccounts"))
        .containsExactly("get", "list", "watch", "create", "patch");
    assertThat(verbs(rules, "roles")).containsExactly("get", "list", "watch", "create", "patch");
    assertThat(verbs(rules, "rolebindings"))
        .containsExactly("get", "list", "watch", "create", "patch");
    // The RayCluster is a workflow dependent: watched, applied, deleted when the Ray strategies
    // end.
    assertThat(verbs(rules, "rayclusters"))
        .containsExactly("get", "list", "watch", "create", "patch", "delete");
    assertThat(verbs(rules, "configmaps")).contains("get", "update");
    // No shared worker account any more: the operator makes one per sweep.
    assertThat(kinds).doesNotContainKey("Role");
    assertThat(kinds.get("ServiceAccount")).containsExactly("gridbench");
  }

  @Test
  void watchNamespacesGiveARolePerNamespaceAndNoClusterWidePermission() throws Exception {
    List<HasMetadata> objects = render("r", "ops", "watchNamespaces={a,b}");
    Map<String, List<String>> kinds = kinds(objects);
    assertThat(kinds).doesNotContainKeys("ClusterRole", "ClusterRoleBinding");
    assertThat(
            objects.stream()
                .filter(o -> o.getKind().equals("Role"))
                .map(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()))
        .containsExactlyInAnyOrder("a/r-gridbench-operator", "b/r-gridbench-operator");
    assertThat(env(container(objects))).containsEntry("GRIDBENCH_WATCH_NAMESPACES", "a,b");
  }

  @Test
  void theOperatorRunsNonRootOnAReadOnlyRootFilesystemWithProbesAndResources() throws Exception {
    List<HasMetadata> objects = render("gridbench", "gridbench-system");
    Deployment deployment = one(objects, Deployment.class);
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
        .isTrue();
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("gridbench");
    Container c = container(objects);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(c.getImage()).isEqualTo("gridbench/operator:0.1.0");
    assertThat(env(c))
        .containsEntry("GRIDBENCH_METRICS_PORT", "8080")
        .containsEntry("GRIDBENCH_METRICS_CELL_SERIES", "true")
        .containsEntry("GRIDBENCH_WATCH_NAMESPACES", "")
        .doesNotContainKey("GRIDBENCH_WORKER_SERVICE_ACCOUNT");
  }

  @Test
  void aServiceMonitorOnlyWhenAskedAndNeverWithoutTheServiceItSelects() throws Exception {
    List<HasMetadata> objects =
        render(
            "gridbench",
            "mon",
            "metrics.serviceMonitor.enabled=true",
            "metrics.serviceMonitor.labels.release=kps");
    HasMetadata monitor =
        objects.stream()
            .filter(o -> o.getKind().equals("ServiceMonitor"))
            .findFirst()
            .orElseThrow();
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kps");
    assertThat(io.fabric8.kubernetes.client.utils.Serialization.asYaml(monitor))
        .contains("honorLabels: true");
    assertThat(kinds(objects).get("Service")).containsExactly("gridbench-metrics");

    Helm.Result refused =
        Helm.run(
            "template",
            "gridbench",
            "CHART",
            "--set",
            "metrics.serviceMonitor.enabled=true",
            "--set",
            "metrics.service.enabled=false");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("metrics.serviceMonitor.enabled needs metrics.service");
  }

  @Test
  void theDashboardIsAConfigMapForGrafanasSidecarHoldingTheDashboardFile() throws Exception {
    ConfigMap dashboard =
        render("gridbench", "gridbench-system").stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .filter(cm -> cm.getMetadata().getName().equals("gridbench-dashboard"))
            .findFirst()
            .orElseThrow();
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getData().get("gridbench.json").strip())
        .isEqualTo(Files.readString(DASHBOARD).strip());
    assertThat(kinds(render("gridbench", "x", "dashboard.enabled=false")).get("ConfigMap"))
        .isNull();
  }

  @Test
  void leaderElectionAddsALeaseRoleInTheReleaseNamespaceAndAllowsTwoReplicas() throws Exception {
    List<HasMetadata> objects =
        render(
            "gridbench",
            "gridbench-system",
            "leaderElection.enabled=true",
            "leaderElection.replicas=2");
    io.fabric8.kubernetes.api.model.apps.Deployment deployment =
        one(objects, io.fabric8.kubernetes.api.model.apps.Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("GRIDBENCH_LEADER_ELECTION");
              assertThat(e.getValue()).isEqualTo("true");
            })
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("GRIDBENCH_LEASE_NAMESPACE");
              assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                  .isEqualTo("metadata.namespace");
            });
    assertThat(objects)
        .filteredOn(o -> o instanceof Role && o.getMetadata().getName().endsWith("leader-election"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getMetadata().getNamespace()).isEqualTo("gridbench-system");
              assertThat(((Role) r).getRules().get(0).getResources()).containsExactly("leases");
            });
  }

  @Test
  void twoReplicasWithoutLeaderElectionAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> render("gridbench", "gridbench-system", "leaderElection.replicas=2"))
        .hasMessageContaining("leaderElection.replicas > 1 needs leaderElection.enabled");
  }

  @Test
  void valuesOfTheWrongShapeAreRefusedByTheSchemaNamingTheValue() {
    for (String[] bad :
        new String[][] {
          {"logLevel=loud", "/logLevel"},
          {"runner.jobBackoffLimit=-1", "/runner/jobBackoffLimit"},
          {"metrics.cellSeries=maybe", "/metrics/cellSeries"},
          {"image.pullPolicy=Sometimes", "/image/pullPolicy"},
        }) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> render("gridbench", "gridbench-system", bad[0]))
          .as(bad[0])
          .hasMessageContaining("values don't meet the specifications of the schema")
          .hasMessageContaining(bad[1]);
    }
  }

  @Test
  void theRunnerImageFollowsTheAppVersionAndLogLevelAndExtraEnvReachTheOperator() throws Exception {
    Container c =
        container(
            render(
                "gridbench",
                "gridbench-system",
                "logLevel=debug",
                "extraEnv[0].name=HTTPS_PROXY",
                "extraEnv[0].value=http://proxy:3128"));
    assertThat(env(c))
        .containsEntry("GRIDBENCH_RUNNER_IMAGE", "gridbench/runner:0.1.0")
        .containsEntry("GRIDBENCH_RAY_IMAGE", "gridbench/ray:0.1.0")
        .containsEntry("HTTPS_PROXY", "http://proxy:3128")
        .containsEntry(
            "JAVA_TOOL_OPTIONS",
            "-XX:MaxRAMPercentage=75 -Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
    assertThat(env(container(render("g", "ns", "runner.image=my/runner:1"))))
        .containsEntry("GRIDBENCH_RUNNER_IMAGE", "my/runner:1");
  }

  static List<HasMetadata> render(String release, String namespace, String... sets)
      throws Exception {
    String yaml = Helm.template(release, namespace, sets);
    List<HasMetadata> objects = Serialization.unmarshal(yaml);
    assertThat(objects).isNotEmpty();
    return objects;
  }

  private static Map<String, List<String>> kinds(List<HasMetadata> objects) {
    return objects.stream()
        .collect(
            Collectors.groupingBy(
                HasMetadata::getKind,
                Collectors.mapping(o -> o.getMetadata().getName(), Collectors.toList())));
  }

  private static <T> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("objects of type %s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  private static Container container(List<HasMetadata> objects) {
    return one(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, String> env(Container c) {
    return c.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() == null ? "" : e.getValue()));
  }

  private static List<String> verbs(List<PolicyRule> rules, String resource) {
    return rules.stream()
        .filter(r -> r.getResources().contains(resource))
        .flatMap(r -> r.getVerbs().stream())
        .toList();
  }
}
