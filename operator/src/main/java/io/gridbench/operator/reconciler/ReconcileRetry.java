package io.gridbench.operator.reconciler;

import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;

/**
 * The retry of a failed reconcile, explicit rather than JOSDK's default: ten retries after 1 s, 1
 * s, 2 s, 4 s, 8 s, 16 s, then 30 s four times (about 2.5 minutes in all; JOSDK waits the initial
 * interval twice before doubling). Failures a user must fix (a rejected write, an unreadable
 * result) are not retried at all (see {@code ErrorClassifier}); what is left is transient (API
 * server unavailable, a missing permission being granted), and an exhausted retry resumes with the
 * next event of the sweep or of one of its children. Doubling keeps a sweep that keeps failing from
 * hammering the API server.
 */
public final class ReconcileRetry {

  public static final Duration INITIAL_INTERVAL = Duration.ofSeconds(1);
  public static final double MULTIPLIER = 2.0;
  public static final Duration MAX_INTERVAL = Duration.ofSeconds(30);
  public static final int MAX_ATTEMPTS = 10;

  private ReconcileRetry() {}

  /** A fresh retry with the intervals above. */
  public static GenericRetry create() {
    return new GenericRetry()
        .setInitialInterval(INITIAL_INTERVAL)
        .setIntervalMultiplier(MULTIPLIER)
        .setMaxInterval(MAX_INTERVAL.toMillis())
        .setMaxAttempts(MAX_ATTEMPTS);
  }
}
