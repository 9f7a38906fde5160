package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/** The comparison across strategies: the grid's axes and the fastest strategy per cell. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "rows",
  "columns",
  "compute",
  "payloadBytes",
  "workers",
  "tasksPerCell",
  "fastest",
  "fastestPerCell",
  "note"
})
public class SweepSummary {

  @JsonPropertyDescription(
      "The axis along the rows of every matrix (compute, payloadBytes, workers or tasksPerCell);"
          + " absent: compute.")
  private String rows;

  @JsonPropertyDescription(
      "The axis along the columns of every matrix; absent: payloadBytes. Axes that are neither"
          + " rows nor columns hold one value.")
  private String columns;

  @JsonPropertyDescription(
      "The compute axis: row labels of every matrix unless rows says otherwise.")
  private List<Long> compute;

  @JsonPropertyDescription(
      "The payloadBytes axis: column labels of every matrix unless columns says otherwise.")
  private List<Long> payloadBytes;

  @JsonPropertyDescription("The workers axis, when the sweep has one.")
  private List<Long> workers;

  @JsonPropertyDescription("The tasksPerCell axis, when the sweep has one.")
  private List<Long> tasksPerCell;

  @JsonPropertyDescription(
      "The strategy with the lowest median in the most cells, e.g. 'thread-pool (7/9 cells)'.")
  private String fastest;

  @JsonPropertyDescription(
      "Per cell, the strategy with the lowest median; '-' while no strategy measured the cell.")
  private List<List<String>> fastestPerCell;

  @JsonPropertyDescription("Why matrices are missing, when the grid is too large for status.")
  private String note;

  public String getRows() {
    return rows;
  }

  public void setRows(String rows) {
    this.rows = rows;
  }

  public String getColumns() {
    return columns;
  }

  public void setColumns(String columns) {
    this.columns = columns;
  }

  public List<Long> getWorkers() {
    return workers;
  }

  public void setWorkers(List<Long> workers) {
    this.workers = workers;
  }

  public List<Long> getTasksPerCell() {
    return tasksPerCell;
  }

  public void setTasksPerCell(List<Long> tasksPerCell) {
    this.tasksPerCell = tasksPerCell;
  }

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
        && Objects.equals(rows, s.rows)
        && Objects.equals(columns, s.columns)
        && Objects.equals(workers, s.workers)
        && Objects.equals(tasksPerCell, s.tasksPerCell)
        && Objects.equals(compute, s.compute)
        && Objects.equals(payloadBytes, s.payloadBytes)
        && Objects.equals(fastest, s.fastest)
        && Objects.equals(fastestPerCell, s.fastestPerCell)
        && Objects.equals(note, s.note);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        rows, columns, compute, payloadBytes, workers, tasksPerCell, fastest, fastestPerCell, note);
  }
}
