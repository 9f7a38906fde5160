package io.gridbench.runner.strategy.python;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;

/** The real Python 3 the Python strategy tests run; without one they fail, saying what to do. */
final class PythonFixtures {
  private PythonFixtures() {}

  static PythonInterpreter python() {
    try {
      return PythonInterpreter.find(Optional.empty(), System.getenv());
    } catch (PythonUnavailableException e) {
      return fail("FAILED: the Python strategy tests need a real python3: " + e.getMessage());
    }
  }
}
