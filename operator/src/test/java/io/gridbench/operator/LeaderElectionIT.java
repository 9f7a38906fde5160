package io.gridbench.operator;

import static io.gridbench.operator.testing.Sweeps.single;
import static io.gridbench.operator.testing.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.RequestCounter;
import io.gridbench.operator.testing.SweepAwaits;
import io.gridbench.operator.testing.TestApiServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one Lease: only the holder reconciles; when it stops without releasing the lease
 * (as a killed pod does), the other takes over once the lease expires.
 */
class LeaderElectionIT {

  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final Duration RETRY = Duration.ofSeconds(1);

  @Test
  void onlyTheLeaderReconcilesAndTheOtherTakesOverWithinTheLeaseDuration() throws Exception {
    String ns = "leader-" + ProcessHandle.current().pid();
    RequestCounter countA = new RequestCounter();
    RequestCounter countB = new RequestCounter();
    try (KubernetesClient admin = TestApiServer.client();
        KubernetesClient clientA = TestApiServer.countingClient(countA);
        KubernetesClient clientB = TestApiServer.countingClient(countB)) {
      TestApiServer.createNamespace(admin, ns);
      SweepAwaits awaits = new SweepAwaits(admin, ns);
      Operator a = replica(ns, "replica-a", clientA);
      Operator b = null;
      try {
        a.start();
        await().atMost(SweepAwaits.WAIT).until(() -> holder(admin, ns), "replica-a"::equals);
        b = replica(ns, "replica-b", clientB);
        b.start();

        admin.resource(sweep("elected", ns, single("one"), single("two"))).create();
        FakeKubelet kubelet = new FakeKubelet(admin);
        kubelet.run(awaits.awaitJob("elected-one"));
        awaits.awaitStatus("elected", s -> "4/8".equals(s.getProgress()));
        awaits.awaitJob("elected-two");

        assertThat(countA.all(r -> r.isWrite() && !isLease(r)))
            .as("the leader wrote Jobs, ConfigMaps and status")
            .isNotEmpty();
        assertThat(countB.all(r -> r.isWrite() && !isLease(r)))
            .as("the follower wrote nothing but lease attempts")
            .isEmpty();

        // Stopping does not release the lease (JOSDK does not), just like a killed pod.
        a.stop();
        a = null;
        long stopped = System.nanoTime();
        // The lease runs out LEASE after the last renewal; a follower retries every RETRY plus up
        // to 1.2 RETRY of jitter (fabric8), and a loaded API server adds its own latency.
        await()
            .atMost(LEASE.multipliedBy(2).plus(RETRY.multipliedBy(8)))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> holder(admin, ns), "replica-b"::equals);
        Duration handover = Duration.ofNanos(System.nanoTime() - stopped);
        System.out.println("leader handover took " + handover.toMillis() + " ms");

        int mark = countB.mark();
        kubelet.run(awaits.awaitJob("elected-two"));
        awaits.awaitStatus("elected", s -> s.getPhase() == SweepPhase.Succeeded);
        assertThat(countB.since(mark, r -> r.isWrite() && r.path().contains("benchmarksweeps")))
            .as("the new leader wrote the final status")
            .isNotEmpty();
      } finally {
        if (a != null) {
          a.stop();
        }
        if (b != null) {
          b.stop();
        }
      }
    }
  }

  private static Operator replica(String ns, String identity, KubernetesClient client) {
    Map<String, String> env = new HashMap<>();
    env.put(OperatorSettings.WATCH_NAMESPACES, ns);
    env.put(LeaderElectionSettings.LEADER_ELECTION, "true");
    env.put(LeaderElectionSettings.LEASE_NAMESPACE, ns);
    env.put(LeaderElectionSettings.LEASE_DURATION_SECONDS, String.valueOf(LEASE.toSeconds()));
    env.put(LeaderElectionSettings.RENEW_DEADLINE_SECONDS, "3");
    env.put(LeaderElectionSettings.RETRY_PERIOD_SECONDS, String.valueOf(RETRY.toSeconds()));
    // Replicas share this JVM: one that stops leading must not end it.
    LeaderElectionConfiguration election =
        LeaderElectionSettings.from(env).configuration(false, identity).orElseThrow();
    return GridbenchOperator.create(
        OperatorSettings.from(env),
        Clock.systemUTC(),
        o ->
            o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withLeaderElectionConfiguration(election));
  }

  private static boolean isLease(RequestCounter.Request r) {
    return r.path().contains("/leases") || r.path().contains("selfsubjectrulesreviews");
  }

  private static String holder(KubernetesClient admin, String ns) {
    Lease lease = admin.leases().inNamespace(ns).withName("gridbench-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
