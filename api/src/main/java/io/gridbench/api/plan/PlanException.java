package io.gridbench.api.plan;

/** A plan or a results ConfigMap that cannot be read, with a message saying why. */
public class PlanException extends Exception {
  public PlanException(String message) {
    super(message);
  }
}
