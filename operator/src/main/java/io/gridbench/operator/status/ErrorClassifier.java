package io.gridbench.operator.status;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.plan.PlanException;
import java.net.HttpURLConnection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the failures of a reconcile that a user can act on to a status reason; everything else is
 * left to the SDK's retry. The only place that looks at exception types.
 */
public final class ErrorClassifier {

  /** A failure shown in status; {@code retry} says whether retrying may help. */
  public record Problem(String reason, String message, boolean retry) {}

  /** The problem {@code e} stands for, searching its causes and suppressed exceptions. */
  public Optional<Problem> classify(Exception e) {
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = new HashSet<>();
    todo.add(e);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      Optional<Problem> p = classifyOne(t);
      if (p.isPresent()) {
        return p;
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      for (Throwable s : t.getSuppressed()) {
        todo.add(s);
      }
      if (t instanceof io.javaoperatorsdk.operator.AggregatedOperatorException a) {
        todo.addAll(a.getAggregatedExceptions().values());
      }
    }
    return Optional.empty();
  }

  private static Optional<Problem> classifyOne(Throwable t) {
    if (t instanceof PlanException p) {
      return Optional.of(new Problem(Reasons.UNREADABLE_RESULTS, p.getMessage(), false));
    }
    if (t instanceof KubernetesClientException k) {
      String detail =
          k.getStatus() != null && k.getStatus().getMessage() != null
              ? k.getStatus().getMessage()
              : k.getMessage();
      if (k.getCode() == 422) {
        return Optional.of(
            new Problem(
                Reasons.WRITE_REJECTED, "The API server rejected a write: " + detail, false));
      }
      if (k.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        return Optional.of(
            new Problem(
                Reasons.FORBIDDEN,
                "The operator lacks a permission (check its RBAC): " + detail,
                true));
      }
    }
    return Optional.empty();
  }
}
