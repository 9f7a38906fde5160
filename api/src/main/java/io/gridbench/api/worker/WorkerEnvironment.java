package io.gridbench.api.worker;

/**
 * Environment variables the operator sets in the pods that run a worker (a strategy's Job pod, the
 * Ray head that runs the Ray strategies' drivers) and the worker reads: a contract across a process
 * boundary, named once.
 */
public final class WorkerEnvironment {

  /** The node the pod runs on, from the downward API's {@code spec.nodeName}. */
  public static final String NODE_NAME = "GRIDBENCH_NODE_NAME";

  private WorkerEnvironment() {}
}
