package io.gridbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The activation condition asks API discovery, not the CRD object: absent, it asks again only after
 * {@link KubeRayInstalledCondition#RECHECK}, so KubeRay installed later is found without a restart
 * and a busy operator does not ask on every reconcile; present, it never asks again.
 */
@EnableKubernetesMockClient
class KubeRayInstalledConditionTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  /** A clock the test moves. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void absentItAsksAgainAfterTheRecheckIntervalAndPresentItStaysSo() {
    server.expect().get().withPath("/apis/ray.io/v1").andReturn(404, "").times(2);
    server
        .expect()
        .get()
        .withPath("/apis/ray.io/v1")
        .andReturn(
            200,
            new APIResourceListBuilder()
                .withGroupVersion("ray.io/v1")
                .addToResources(
                    new APIResourceBuilder()
                        .withName("rayclusters")
                        .withKind("RayCluster")
                        .withNamespaced(true)
                        .build())
                .build())
        .always();
    ManualClock clock = new ManualClock();
    KubeRayInstalledCondition kubeRay = new KubeRayInstalledCondition(clock);

    assertThat(kubeRay.installed(client)).isFalse();
    int asked = server.getRequestCount();
    clock.now = clock.now.plus(KubeRayInstalledCondition.RECHECK.minusSeconds(1));
    assertThat(kubeRay.installed(client)).isFalse();
    assertThat(server.getRequestCount()).as("not asked again within the interval").isEqualTo(asked);

    clock.now = clock.now.plusSeconds(1);
    assertThat(kubeRay.installed(client)).as("asked again: still absent").isFalse();
    clock.now = clock.now.plus(KubeRayInstalledCondition.RECHECK);
    assertThat(kubeRay.installed(client)).as("installed meanwhile").isTrue();

    int afterFound = server.getRequestCount();
    clock.now = clock.now.plus(Duration.ofHours(1));
    assertThat(kubeRay.installed(client)).isTrue();
    assertThat(server.getRequestCount()).as("present: never asked again").isEqualTo(afterFound);
  }
}
