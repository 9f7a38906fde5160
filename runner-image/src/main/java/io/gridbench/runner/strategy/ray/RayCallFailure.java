package io.gridbench.runner.strategy.ray;

import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import io.ray.api.exception.RayActorException;

/** Turns a failed or malformed Ray call into the one-line StrategyException a run reports. */
final class RayCallFailure {
  private RayCallFailure() {}

  /**
   * {@code "<strategy>: <who> died during cell <cell> (<cause>)"} when an actor is gone, {@code
   * "failed"} instead of {@code "died"} when a call threw; {@code who} names the actor or task.
   */
  static StrategyException of(String strategy, String who, CellWork cell, RuntimeException e) {
    String what = actorDied(e) ? " died during cell " : " failed during cell ";
    return new StrategyException(
        strategy + ": " + who + what + cell.key() + " (" + firstLine(rootCause(e)) + ")", e);
  }

  /**
   * The digest of task {@code task}'s result, or a StrategyException if the result is malformed.
   */
  static long digest(String strategy, CellWork cell, int task, byte[] result)
      throws StrategyException {
    try {
      return cell.digestOf(task, result);
    } catch (IllegalStateException e) {
      throw new StrategyException(strategy + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the actor behind a call is gone. A cluster reports a killed or crashed actor as a
   * {@link RayActorException} of its own; in LOCAL mode it can only come wrapped as the cause of
   * the failed call.
   */
  static boolean actorDied(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RayActorException) {
        return true;
      }
    }
    return false;
  }

  static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** The first line of a throwable's message, prefixed by its simple class name. */
  static String firstLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    String line = (newline < 0 ? message : message.substring(0, newline)).strip();
    return e.getClass().getSimpleName() + ": " + line;
  }
}
