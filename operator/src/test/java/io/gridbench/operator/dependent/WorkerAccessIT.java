package io.gridbench.operator.dependent;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.plan.ResultsConfigMaps;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.testing.SweepAwaits;
import io.gridbench.operator.testing.TestApiServer;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each sweep gets its own ServiceAccount, Role and RoleBinding, owned by the sweep; the Role names
 * the sweep's results ConfigMaps and nothing else. Proven on the real API server, whose RBAC
 * authorizer (kube-api-test runs it with {@code --authorization-mode=RBAC}) judges a real token of
 * the sweep's ServiceAccount, issued by the TokenRequest API and sent as a pod would send it.
 */
class WorkerAccessIT {

  private static final String NS = "access-" + ProcessHandle.current().pid();

  private static KubernetesClient admin;
  private static Operator operator;
  private static SweepAwaits awaits;

  @BeforeAll
  static void twoSweepsInOneNamespace() {
    admin = TestApiServer.client();
    TestApiServer.createNamespace(admin, NS);
    operator =
        GridbenchOperator.create(
            OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, NS)),
            Clock.systemUTC(),
            admin);
    operator.start();
    awaits = new SweepAwaits(admin, NS);
    admin.resource(sweep("alpha", NS, single("a"))).create();
    admin.resource(sweep("beta", NS, single("a"))).create();
    awaits.awaitJob("alpha-a");
    awaits.awaitJob("beta-a");
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void eachSweepHasItsOwnAccountOwnedByItAndItsJobsRunAsIt() {
    String uid = awaits.get("alpha").getMetadata().getUid();
    ServiceAccount account = admin.serviceAccounts().inNamespace(NS).withName("alpha-worker").get();
    Role role = admin.rbac().roles().inNamespace(NS).withName("alpha-worker").get();
    RoleBinding binding =
        admin.rbac().roleBindings().inNamespace(NS).withName("alpha-worker").get();
    ConfigMap shard = admin.configMaps().inNamespace(NS).withName("alpha-a").get();
    for (HasMetadata child : List.of(account, role, binding, shard)) {
      assertThat(child.getMetadata().getOwnerReferences())
          .as("%s %s is removed with its sweep", child.getKind(), child.getMetadata().getName())
          .extracting(OwnerReference::getKind, OwnerReference::getName, OwnerReference::getUid)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("BenchmarkSweep", "alpha", uid));
    }
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    assertThat(role.getRules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getApiGroups()).containsExactly("");
              assertThat(r.getResources()).containsExactly("configmaps");
              // Its first results ConfigMap, and the next one once another test wrote into it.
              assertThat(r.getResourceNames())
                  .contains("alpha-a")
                  .allMatch(n -> n.equals("alpha-a") || n.equals("alpha-a.1"));
              assertThat(r.getVerbs()).containsExactly("get", "update");
            });
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo("alpha-worker");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo("alpha-worker");
              assertThat(s.getNamespace()).isEqualTo(NS);
            });
    Job job = awaits.job("alpha-a");
    assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("alpha-worker");
    assertThat(job.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isTrue();
  }

  @Test
  void aTokenOfOneSweepsAccountWritesItsResultsAndIsRefusedEverythingElse() {
    try (KubernetesClient alpha = TestApiServer.clientWithToken(token("alpha-worker"))) {
      var configMaps = alpha.configMaps().inNamespace(NS);
      ConfigMap own = configMaps.withName("alpha-a").get();
      assertThat(own).as("its own results ConfigMap").isNotNull();
      configMaps
          .resource(
              new ConfigMapBuilder(own).addToData(ResultsConfigMaps.DRIFT_KEY, drift()).build())
          .update();
      assertThat(admin.configMaps().inNamespace(NS).withName("alpha-a").get().getData())
          .containsKey(ResultsConfigMaps.DRIFT_KEY);

      ConfigMap theirs = admin.configMaps().inNamespace(NS).withName("beta-a").get();
      assertForbidden(() -> configMaps.withName("beta-a").get());
      assertForbidden(
          () ->
              configMaps
                  .resource(new ConfigMapBuilder(theirs).addToData("forged", "1").build())
                  .update());
      assertForbidden(
          () ->
              configMaps
                  .resource(new ConfigMapBuilder(theirs).addToData("forged", "1").build())
                  .patch());
      assertForbidden(() -> configMaps.withName("alpha-a").delete());
      assertForbidden(
          () ->
              configMaps
                  .resource(
                      new ConfigMapBuilder()
                          .withNewMetadata()
                          .withName("alpha-a.1")
                          .endMetadata()
                          .build())
                  .create());
      assertForbidden(() -> configMaps.list());
      assertForbidden(() -> configMaps.withName("alpha.plan").get());
      assertForbidden(() -> alpha.secrets().inNamespace(NS).list());
      assertForbidden(() -> alpha.rbac().roles().inNamespace(NS).withName("alpha-worker").get());
      assertForbidden(() -> alpha.resources(BenchmarkSweep.class).inNamespace(NS).list());
      assertThat(admin.configMaps().inNamespace(NS).withName("beta-a").get().getData())
          .as("sweep beta's results untouched")
          .doesNotContainKey("forged");
    }
  }

  @Test
  void onceAShardHoldsACellTheOperatorCreatesTheNextAndGrantsIt() {
    ConfigMap first = admin.configMaps().inNamespace(NS).withName("beta-a").get();
    admin
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder(first).addToData(ResultsConfigMaps.DRIFT_KEY, drift()).build())
        .update();

    await()
        .atMost(SweepAwaits.WAIT)
        .until(
            () -> admin.rbac().roles().inNamespace(NS).withName("beta-worker").get(),
            r ->
                r.getRules().size() == 1
                    && r.getRules()
                        .get(0)
                        .getResourceNames()
                        .equals(List.of("beta-a", "beta-a.1")));
    assertThat(admin.configMaps().inNamespace(NS).withName("beta-a.1").get().getData())
        .isNullOrEmpty();
    try (KubernetesClient beta = TestApiServer.clientWithToken(token("beta-worker"))) {
      assertThat(beta.configMaps().inNamespace(NS).withName("beta-a.1").get()).isNotNull();
    }
  }

  /** A drift canary report, the smallest valid entry a worker writes. */
  private static String drift() {
    return ResultsConfigMaps.encodeDrift(
        DriftReport.of(0, 0, 10, 0.05, List.of(new DriftReport.Point(0, Instant.EPOCH, 0.01))));
  }

  /** A token of {@code account}, as the kubelet gets one for a pod (TokenRequest API). */
  private static String token(String account) {
    return admin
        .serviceAccounts()
        .inNamespace(NS)
        .withName(account)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
        .getStatus()
        .getToken();
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(KubernetesClientException.class)
        .extracting(e -> ((KubernetesClientException) e).getCode())
        .isEqualTo(403);
  }
}
