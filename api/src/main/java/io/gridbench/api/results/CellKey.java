package io.gridbench.api.results;

/** The coordinates of a cell in the grid. */
public record CellKey(long compute, long payloadBytes) {
  @Override
  public String toString() {
    return "compute=" + compute + ", payloadBytes=" + payloadBytes;
  }
}
