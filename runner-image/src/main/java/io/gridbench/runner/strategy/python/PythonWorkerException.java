package io.gridbench.runner.strategy.python;

import java.io.IOException;

/** The Python worker reported a failure (an ERROR response); the message is its one line. */
final class PythonWorkerException extends IOException {
  PythonWorkerException(String message) {
    super(message);
  }
}
