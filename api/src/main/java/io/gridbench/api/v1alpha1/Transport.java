package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a ProcessPool moves payloads to its worker processes. */
public enum Transport {
  /** Payload bytes are written through the worker's stdin pipe. */
  @JsonProperty("pipe")
  PIPE,
  /** Payloads are placed in a memory-mapped file under /dev/shm; only offsets cross the pipe. */
  @JsonProperty("shm")
  SHM
}
