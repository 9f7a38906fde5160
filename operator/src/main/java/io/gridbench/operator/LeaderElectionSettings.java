package io.gridbench.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Leader election on a {@code coordination.k8s.io} Lease, read from the environment, so that two
 * replicas can run: both keep their caches warm, only the lease holder reconciles. Off by default
 * (a single replica needs no lease).
 *
 * @param enabled whether to elect a leader at all
 * @param leaseName name of the Lease
 * @param leaseNamespace namespace of the Lease; empty means the operator pod's own namespace
 * @param leaseDuration how long a lease holder that stopped renewing keeps the lease
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leading
 * @param retryPeriod how often candidates try to acquire and the leader renews
 */
public record LeaderElectionSettings(
    boolean enabled,
    String leaseName,
    String leaseNamespace,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  public static final String LEADER_ELECTION = "GRIDBENCH_LEADER_ELECTION";
  public static final String LEASE_NAME = "GRIDBENCH_LEASE_NAME";
  public static final String LEASE_NAMESPACE = "GRIDBENCH_LEASE_NAMESPACE";
  public static final String LEASE_DURATION_SECONDS = "GRIDBENCH_LEASE_DURATION_SECONDS";
  public static final String RENEW_DEADLINE_SECONDS = "GRIDBENCH_LEASE_RENEW_DEADLINE_SECONDS";
  public static final String RETRY_PERIOD_SECONDS = "GRIDBENCH_LEASE_RETRY_PERIOD_SECONDS";

  /** Settings from {@code env}; a bad value fails with the variable's name. */
  public static LeaderElectionSettings from(Map<String, String> env) {
    String flag = env.getOrDefault(LEADER_ELECTION, "false").trim();
    if (!flag.equals("true") && !flag.equals("false") && !flag.isEmpty()) {
      throw new IllegalArgumentException(
          LEADER_ELECTION + ": '" + flag + "' is neither true nor false.");
    }
    LeaderElectionSettings s =
        new LeaderElectionSettings(
            flag.equals("true"),
            env.getOrDefault(LEASE_NAME, "gridbench-operator").trim(),
            env.getOrDefault(LEASE_NAMESPACE, "").trim(),
            seconds(env, LEASE_DURATION_SECONDS, 15),
            seconds(env, RENEW_DEADLINE_SECONDS, 10),
            seconds(env, RETRY_PERIOD_SECONDS, 2));
    // The same ordering client-go's leader election insists on: otherwise two leaders can overlap.
    if (s.renewDeadline.compareTo(s.leaseDuration) >= 0) {
      throw new IllegalArgumentException(
          RENEW_DEADLINE_SECONDS + " must be shorter than " + LEASE_DURATION_SECONDS + ".");
    }
    if (s.retryPeriod.compareTo(s.renewDeadline) >= 0) {
      throw new IllegalArgumentException(
          RETRY_PERIOD_SECONDS + " must be shorter than " + RENEW_DEADLINE_SECONDS + ".");
    }
    return s;
  }

  /**
   * JOSDK's configuration, or empty when election is off. {@code exitOnStopLeading}: a deployed
   * operator exits when it loses the lease (Kubernetes restarts it as a clean candidate); tests
   * that run several operators in one JVM pass false.
   */
  public Optional<LeaderElectionConfiguration> configuration(boolean exitOnStopLeading) {
    return configuration(exitOnStopLeading, null);
  }

  /**
   * As {@link #configuration(boolean)}, competing as {@code identity}; null means JOSDK's choice,
   * the pod's host name.
   */
  public Optional<LeaderElectionConfiguration> configuration(
      boolean exitOnStopLeading, String identity) {
    if (!enabled) {
      return Optional.empty();
    }
    LeaderElectionConfigurationBuilder b =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
            .withLeaseDuration(leaseDuration)
            .withRenewDeadline(renewDeadline)
            .withRetryPeriod(retryPeriod)
            .withExitOnStopLeading(exitOnStopLeading);
    if (!leaseNamespace.isEmpty()) {
      b.withLeaseNamespace(leaseNamespace);
    }
    if (identity != null) {
      b.withIdentity(identity);
    }
    return Optional.of(b.build());
  }

  private static Duration seconds(Map<String, String> env, String name, long dflt) {
    return Duration.ofSeconds(OperatorSettings.number(env, name, dflt, 1, 3600));
  }
}
