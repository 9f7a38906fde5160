package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a PythonPool starts its worker processes: Python's {@code multiprocessing} start methods. */
public enum StartMethod {
  /** Children forked from the Python worker: the Linux default, the cheapest to start. */
  @JsonProperty("fork")
  FORK("fork"),
  /** Fresh interpreters that import the worker program: the macOS and Windows default. */
  @JsonProperty("spawn")
  SPAWN("spawn"),
  /** Children forked from a clean server process started once. */
  @JsonProperty("forkserver")
  FORKSERVER("forkserver");

  private final String pythonName;

  StartMethod(String pythonName) {
    this.pythonName = pythonName;
  }

  /** The name {@code multiprocessing.get_context} takes. */
  public String pythonName() {
    return pythonName;
  }
}
