package io.gridbench.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An operator watching a namespace of its own on the shared test API server, for one test: the
 * namespace is new for every test, so tests share no sweep, Job or event.
 */
public final class OperatorInNamespace implements AutoCloseable {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private final KubernetesClient client;
  private final String ns;
  private final SweepAwaits awaits;
  private final Operator operator;

  private OperatorInNamespace(KubernetesClient client, String ns, Operator operator) {
    this.client = client;
    this.ns = ns;
    this.awaits = new SweepAwaits(client, ns);
    this.operator = operator;
  }

  /** Starts the operator on a new namespace named {@code prefix-N-PID}. */
  public static OperatorInNamespace start(String prefix) {
    return start(prefix, false);
  }

  /** As {@link #start(String)}, with KubeRay's RayCluster CRD installed first when asked. */
  public static OperatorInNamespace start(String prefix, boolean withKubeRay) {
    KubernetesClient client = TestApiServer.client();
    if (withKubeRay) {
      TestApiServer.installRayClusterCrd(client);
    }
    String ns = prefix + "-" + NAMESPACES.incrementAndGet() + "-" + ProcessHandle.current().pid();
    TestApiServer.createNamespace(client, ns);
    Operator operator =
        GridbenchOperator.create(
            OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
            Clock.systemUTC(),
            client);
    operator.start();
    return new OperatorInNamespace(client, ns, operator);
  }

  public KubernetesClient client() {
    return client;
  }

  public String ns() {
    return ns;
  }

  public SweepAwaits awaits() {
    return awaits;
  }

  @Override
  public void close() {
    operator.stop();
    client.close();
  }
}
