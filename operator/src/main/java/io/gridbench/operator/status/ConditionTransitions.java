package io.gridbench.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the next list of conditions from the previous one: a condition keeps its {@code
 * lastTransitionTime} unless its status flips, so re-computing an unchanged status yields an equal
 * object and no write.
 */
final class ConditionTransitions {
  private final List<Condition> previous;
  private final long generation;
  private final String now;
  private final List<Condition> next = new ArrayList<>();

  ConditionTransitions(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
  }

  ConditionTransitions set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    String since =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(t -> t != null)
            .findFirst()
            .orElse(now);
    next.removeIf(c -> type.equals(c.getType()));
    next.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    return this;
  }

  /** The lastTransitionTime of {@code type} as set so far. */
  Optional<String> transitionTime(String type) {
    return next.stream()
        .filter(c -> type.equals(c.getType()))
        .map(Condition::getLastTransitionTime)
        .findFirst();
  }

  List<Condition> build() {
    return List.copyOf(next);
  }
}
