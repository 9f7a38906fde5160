package io.gridbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.operator.status.Reasons;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warning events on a sweep for what a user must act on (an invalid spec, a spec change that is not
 * applied, a failed strategy, a worker pod no node can take, strategies measured on different
 * machines), emitted once per transition rather than once per reconcile.
 */
final class SweepEvents {
  private static final Logger log = LoggerFactory.getLogger(SweepEvents.class);
  static final String COMPONENT = "gridbench-operator";

  /** A condition of a given type with a given reason: what a Warning event is emitted for. */
  private record Watched(String type, String reason) {}

  private static final List<Watched> WATCHED =
      List.of(
          new Watched(Reasons.SPEC_APPLIED, Reasons.INVALID_SPEC),
          new Watched(Reasons.SPEC_APPLIED, Reasons.SPEC_CHANGED_AFTER_START),
          new Watched(Reasons.DEGRADED, Reasons.STRATEGY_FAILED),
          new Watched(Reasons.PROGRESSING, Reasons.WORKER_UNSCHEDULABLE),
          new Watched(Reasons.MIXED_MACHINES, Reasons.STRATEGIES_ON_DIFFERENT_MACHINES));

  private final Clock clock;

  SweepEvents(Clock clock) {
    this.clock = clock;
  }

  /** Emits a Warning for each watched condition that {@code next} newly has, or re-words. */
  void onStatus(KubernetesClient client, BenchmarkSweep sweep, BenchmarkSweepStatus next) {
    List<Condition> before =
        sweep.getStatus() == null || sweep.getStatus().getConditions() == null
            ? List.of()
            : sweep.getStatus().getConditions();
    for (Watched watched : WATCHED) {
      Optional<Condition> now = find(next.getConditions(), watched.type(), watched.reason());
      Optional<Condition> was = find(before, watched.type(), watched.reason());
      if (now.isPresent()
          && (was.isEmpty() || !Objects.equals(was.get().getMessage(), now.get().getMessage()))) {
        warn(client, sweep, watched.reason(), now.get().getMessage());
      }
    }
  }

  private static Optional<Condition> find(List<Condition> conditions, String type, String reason) {
    return conditions.stream()
        .filter(c -> type.equals(c.getType()) && reason.equals(c.getReason()))
        .findFirst();
  }

  private void warn(KubernetesClient client, BenchmarkSweep sweep, String reason, String message) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    try {
      client
          .v1()
          .events()
          .inNamespace(sweep.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(
                      sweep.getMetadata().getName()
                          + "."
                          + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
                  .withNamespace(sweep.getMetadata().getNamespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(sweep.getApiVersion())
                          .withKind(sweep.getKind())
                          .withName(sweep.getMetadata().getName())
                          .withNamespace(sweep.getMetadata().getNamespace())
                          .withUid(sweep.getMetadata().getUid())
                          .build())
                  .withType("Warning")
                  .withReason(reason)
                  .withMessage(message)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // Events are a courtesy: the condition in status carries the same message, so a refused
      // event must not fail (and retry) the reconcile.
      log.warn(
          "event {} for sweep {}/{} not recorded: HTTP {}",
          reason,
          sweep.getMetadata().getNamespace(),
          sweep.getMetadata().getName(),
          e.getCode());
    }
  }
}
