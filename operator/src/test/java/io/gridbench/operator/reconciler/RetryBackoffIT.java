package io.gridbench.operator.reconciler;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.status.Reasons;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.RequestCounter;
import io.gridbench.operator.testing.SweepAwaits;
import io.gridbench.operator.testing.TestApiServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sweep that keeps failing must not hot-loop the API server: pod failures cost no writes, and a
 * reconcile that fails is retried with {@link ReconcileRetry}'s backoff. Requests are counted on
 * the operator's own client.
 */
class RetryBackoffIT {

  @Test
  void workerPodsFailingOverAndOverCostNoStatusWriteUntilTheJobGivesUp() throws Exception {
    String ns = "churn-" + ProcessHandle.current().pid();
    RequestCounter counter = new RequestCounter();
    try (KubernetesClient admin = TestApiServer.client();
        KubernetesClient operatorClient = TestApiServer.countingClient(counter)) {
      TestApiServer.createNamespace(admin, ns);
      Operator operator = operator(ns, operatorClient);
      try {
        operator.start();
        SweepAwaits awaits = new SweepAwaits(admin, ns);
        admin.resource(sweep("flaky", ns, single("a"))).create();
        Job job = awaits.awaitJob("flaky-a");
        FakeKubelet kubelet = new FakeKubelet(admin);
        kubelet.start(job);
        awaits.awaitStatus("flaky", s -> s.getPhase() == SweepPhase.Running);
        awaitQuiet(counter);

        int mark = counter.mark();
        for (int i = 0; i < 20; i++) {
          failedPod(admin, job, i);
        }
        // Let the operator see all 40 pod events (a create and a status change each).
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        List<RequestCounter.Request> duringChurn = counter.since(mark, r -> !r.isWatch());
        assertThat(duringChurn).as("requests while 20 pods failed").isEmpty();

        kubelet.fail(job, "MeasurementFailed: checksum mismatch");
        awaits.awaitStatus("flaky", s -> s.getPhase() == SweepPhase.Failed);
        awaitQuiet(counter);
        int settled = counter.mark();
        await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
        assertThat(counter.since(settled, r -> !r.isWatch()))
            .as("requests once the sweep has failed")
            .isEmpty();
      } finally {
        operator.stop();
      }
    }
  }

  /**
   * Waits until the operator has sent nothing but watches for two seconds: a reconcile still in
   * flight when the test takes its mark would otherwise count against what follows.
   */
  private static void awaitQuiet(RequestCounter counter) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      int mark = counter.mark();
      Thread.sleep(2000);
      if (counter.since(mark, r -> !r.isWatch()).isEmpty()) {
        return;
      }
      assertThat(System.nanoTime()).as("the operator never went quiet").isLessThan(deadline);
    }
  }

  @Test
  void aForbiddenJobCreationIsRetriedWithBackoffNotInALoop() throws Exception {
    String ns = "forbidden-" + ProcessHandle.current().pid();
    String role = "gridbench-operator-no-jobs-" + ProcessHandle.current().pid();
    RequestCounter counter = new RequestCounter();
    try (KubernetesClient admin = TestApiServer.client()) {
      TestApiServer.createNamespace(admin, ns);
      admin.resource(operatorRoleWithoutJobCreation(admin, role)).create();
      admin
          .resource(
              new ClusterRoleBindingBuilder()
                  .withNewMetadata()
                  .withName(role)
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName("operator")
                  .withNamespace(ns)
                  .endSubject()
                  .build())
          .create();
      try (KubernetesClient operatorClient =
          TestApiServer.countingClientAs(ns, "operator", counter)) {
        Operator operator = operator(ns, operatorClient);
        try {
          operator.start();
          SweepAwaits awaits = new SweepAwaits(admin, ns);
          admin.resource(sweep("denied", ns, single("a"))).create();
          awaits.awaitStatus(
              "denied",
              s ->
                  s.getConditions().stream()
                      .anyMatch(c -> Reasons.FORBIDDEN.equals(c.getReason())));
          // Retries after 1 s, 1 s, 2 s, 4 s: about five attempts in the first 8 s, not hundreds.
          await().pollDelay(Duration.ofSeconds(8)).until(() -> true);
          List<RequestCounter.Request> attempts =
              // JOSDK creates dependents with server-side apply: a PATCH to the Job's name.
              counter.all(r -> r.method().equals("PATCH") && r.path().contains("/jobs/denied-a"));
          System.out.println("job creation attempts in ~8 s: " + attempts.size());
          assertThat(attempts).as("retried").hasSizeGreaterThanOrEqualTo(3);
          assertThat(attempts).as("with backoff").hasSizeLessThanOrEqualTo(8);
        } finally {
          operator.stop();
        }
      }
    }
  }

  private static Operator operator(String ns, KubernetesClient client) {
    return GridbenchOperator.create(
        OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
        Clock.systemUTC(),
        client);
  }

  /** The shipped ClusterRole, renamed, with every verb on Jobs but create. */
  private static ClusterRole operatorRoleWithoutJobCreation(KubernetesClient client, String name)
      throws Exception {
    List<HasMetadata> items;
    try (InputStream in = Files.newInputStream(Path.of("deploy", "operator.yaml"))) {
      items = client.load(in).items();
    }
    ClusterRole role =
        items.stream()
            .filter(ClusterRole.class::isInstance)
            .map(ClusterRole.class::cast)
            .findFirst()
            .orElseThrow();
    role.getMetadata().setName(name);
    for (PolicyRule rule : role.getRules()) {
      if (rule.getResources().contains("jobs")) {
        List<String> verbs = new ArrayList<>(rule.getVerbs());
        verbs.remove("create");
        rule.setVerbs(verbs);
      }
    }
    return role;
  }

  /** A worker pod of {@code job} that failed, as the Job controller's retries leave them. */
  private static void failedPod(KubernetesClient client, Job job, int attempt) {
    String name = job.getMetadata().getName() + "-retry" + attempt;
    client
        .pods()
        .inNamespace(job.getMetadata().getNamespace())
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build())
        .create();
    client
        .pods()
        .inNamespace(job.getMetadata().getNamespace())
        .withName(name)
        .editStatus(
            p -> {
              p.getStatus().setPhase("Failed");
              return p;
            });
  }
}
