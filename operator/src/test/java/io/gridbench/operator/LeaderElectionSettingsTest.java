package io.gridbench.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderElectionSettingsTest {

  @Test
  void offByDefault() {
    LeaderElectionSettings s = LeaderElectionSettings.from(Map.of());

    assertThat(s.enabled()).isFalse();
    assertThat(s.configuration(true)).isEmpty();
  }

  @Test
  void onItCarriesTheLeaseAndItsTimings() {
    LeaderElectionSettings s =
        LeaderElectionSettings.from(
            Map.of(
                LeaderElectionSettings.LEADER_ELECTION, "true",
                LeaderElectionSettings.LEASE_NAME, "lease",
                LeaderElectionSettings.LEASE_NAMESPACE, "ops",
                LeaderElectionSettings.LEASE_DURATION_SECONDS, "6",
                LeaderElectionSettings.RENEW_DEADLINE_SECONDS, "4",
                LeaderElectionSettings.RETRY_PERIOD_SECONDS, "1"));

    LeaderElectionConfiguration c = s.configuration(false).orElseThrow();
    assertThat(c.getLeaseName()).isEqualTo("lease");
    assertThat(c.getLeaseNamespace()).contains("ops");
    assertThat(c.getLeaseDuration()).isEqualTo(Duration.ofSeconds(6));
    assertThat(c.getRenewDeadline()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.getRetryPeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.isExitOnStopLeading()).isFalse();
    assertThat(c.getIdentity()).as("JOSDK then takes HOSTNAME").isEmpty();
    assertThat(s.configuration(true, "pod-1").orElseThrow().getIdentity()).contains("pod-1");
  }

  @Test
  void defaultsFollowClientGo() {
    LeaderElectionSettings s =
        LeaderElectionSettings.from(Map.of(LeaderElectionSettings.LEADER_ELECTION, "true"));

    assertThat(s.leaseName()).isEqualTo("gridbench-operator");
    assertThat(s.configuration(true).orElseThrow().getLeaseNamespace())
        .as("the pod's namespace, found by JOSDK")
        .isEmpty();
    assertThat(s.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(
            () ->
                LeaderElectionSettings.from(Map.of(LeaderElectionSettings.LEADER_ELECTION, "yes")))
        .hasMessage("GRIDBENCH_LEADER_ELECTION: 'yes' is neither true nor false.");
    assertThatThrownBy(
            () ->
                LeaderElectionSettings.from(
                    Map.of(LeaderElectionSettings.LEASE_DURATION_SECONDS, "0")))
        .hasMessageStartingWith("GRIDBENCH_LEASE_DURATION_SECONDS: 0 is out of range");
    assertThatThrownBy(
            () ->
                LeaderElectionSettings.from(
                    Map.of(LeaderElectionSettings.RENEW_DEADLINE_SECONDS, "15")))
        .hasMessage(
            "GRIDBENCH_LEASE_RENEW_DEADLINE_SECONDS must be shorter than"
                + " GRIDBENCH_LEASE_DURATION_SECONDS.");
    assertThatThrownBy(
            () ->
                LeaderElectionSettings.from(
                    Map.of(LeaderElectionSettings.RETRY_PERIOD_SECONDS, "10")))
        .hasMessage(
            "GRIDBENCH_LEASE_RETRY_PERIOD_SECONDS must be shorter than"
                + " GRIDBENCH_LEASE_RENEW_DEADLINE_SECONDS.");
  }
}
