package io.gridbench.runner.raycluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Ray installation the cluster tests run: the Python named by the system property {@code
 * gridbench.ray.python} (the build sets it to the venv .ci/run creates). Without it a test fails
 * when Ray is required ({@code GRIDBENCH_REQUIRE_RAY=1}, as .ci/run sets, or {@code CI=true}) and
 * is skipped with how to install it otherwise; it never passes without Ray.
 */
final class RealRay {
  static final String PYTHON_PROPERTY = "gridbench.ray.python";

  private static final String HOW =
      "python3 -m venv ~/.cache/gridbench/ray-venv && ~/.cache/gridbench/ray-venv/bin/pip install"
          + " ray==2.58.0 (or run .ci/run), or name another with -D"
          + PYTHON_PROPERTY
          + "=PYTHON";

  private RealRay() {}

  /** The installation, or the calling test fails (Ray required) or is skipped, saying how. */
  static RayInstallation installation() {
    String python = System.getProperty(PYTHON_PROPERTY, "");
    try {
      if (python.isBlank()) {
        throw new RayUnavailableException("-D" + PYTHON_PROPERTY + " is not set");
      }
      return RayInstallation.find(Optional.of(Path.of(python)), Map.of());
    } catch (RayUnavailableException e) {
      String message =
          "Ray cluster tests need Ray 2.58.0: " + e.getMessage() + " Install it: " + HOW + ".";
      if (required()) {
        fail("FAILED (Ray is required here): " + message);
      }
      Assumptions.abort("SKIPPED: " + message);
      throw new AssertionError(message);
    }
  }

  private static boolean required() {
    return "1".equals(System.getenv("GRIDBENCH_REQUIRE_RAY"))
        || "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
