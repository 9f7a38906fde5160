package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/** The comparison across strategies: the grid's axes and the fastest strategy per cell. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"compute", "payloadBytes", "fastest", "fastestPerCell", "note"})
public class SweepSummary {

  @JsonPropertyDescription("Row labels of every matrix: the compute axis.")
  private List<Long> compute;

  @JsonPropertyDescription("Column labels of every matrix: the payloadBytes axis.")
  private List<Long> payloadBytes;

  @JsonPropertyDescription(
      "The strategy with the lowest median in the most cells, e.g. 'thread-pool (7/9 cells)'.")
  private String fastest;

  @JsonPropertyDescription(
      "Per cell, the strategy with the lowest median; '-' while no strategy measured the cell.")
  private List<List<String>> fastestPerCell;

  @JsonPropertyDescription("Why matrices are missing, when the grid is too large for status.")
  private String note;

  public List<Long> getCompute() {
    return compute;
  }

  public void setCompute(List<Long> compute) {
    this.compute = compute;
  }

  public List<Long> getPayloadBytes() {
    return payloadBytes;
  }

  public void setPayloadBytes(List<Long> payloadBytes) {
    this.payloadBytes = payloadBytes;
  }

  public String getFastest() {
    return fastest;
  }

  public void setFastest(String fastest) {
    this.fastest = fastest;
  }

  public List<List<String>> getFastestPerCell() {
    return fastestPerCell;
  }

  public void setFastestPerCell(List<List<String>> fastestPerCell) {
    this.fastestPerCell = fastestPerCell;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SweepSummary s
        && Objects.equals(compute, s.compute)
        && Objects.equals(payloadBytes, s.payloadBytes)
        && Objects.equals(fastest, s.fastest)
        && Objects.equals(fastestPerCell, s.fastestPerCell)
        && Objects.equals(note, s.note);
  }

  @Override
  public int hashCode() {
    return Objects.hash(compute, payloadBytes, fastest, fastestPerCell, note);
  }
}
