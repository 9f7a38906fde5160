package io.gridbench.runner.fetch;

/** A sweep's results cannot be fetched: missing, not started, or unreadable. One line. */
public final class FetchException extends Exception {
  public FetchException(String message) {
    super(message);
  }
}
