package io.gridbench.runner.raycluster;

/** Ray cannot be used on this node: not installed, unusable, or its cluster did not start. */
public final class RayUnavailableException extends Exception {
  public RayUnavailableException(String message) {
    super(message);
  }

  public RayUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
