package io.gridbench.runner.strategy.python;

/** No usable Python for the Python strategies; the message says what to install. */
public final class PythonUnavailableException extends Exception {
  public PythonUnavailableException(String message) {
    super(message);
  }
}
