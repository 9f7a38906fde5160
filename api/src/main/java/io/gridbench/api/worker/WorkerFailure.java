package io.gridbench.api.worker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker's failure as one {@code Reason: message} line: written to the pod's termination log by
 * the worker, parsed back by the operator.
 */
public record WorkerFailure(WorkerFailureReason reason, String message) {

  private static final Pattern LINE =
      Pattern.compile("^([A-Z][A-Za-z0-9]*): (.*)$", Pattern.DOTALL);

  /** The line the worker writes: {@code Reason: message}. */
  public String line() {
    return reason.name() + ": " + message;
  }

  /**
   * The failure {@code line} states, or empty when it is not a worker's {@code Reason: message}.
   */
  public static Optional<WorkerFailure> parse(String line) {
    if (line == null) {
      return Optional.empty();
    }
    Matcher m = LINE.matcher(line.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    for (WorkerFailureReason reason : WorkerFailureReason.values()) {
      if (reason.name().equals(m.group(1))) {
        return Optional.of(new WorkerFailure(reason, m.group(2)));
      }
    }
    return Optional.empty();
  }
}
