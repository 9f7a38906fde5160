package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.gridbench.api.crd.PropertySchemaPatch;
import java.util.List;
import java.util.Objects;

/** Observed state of one strategy: its Job, its progress and the summary of its results. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "type",
  "phase",
  "jobName",
  "resultsConfigMap",
  "node",
  "cpuModel",
  "cellsDone",
  "cellsTotal",
  "startTime",
  "finishTime",
  "reason",
  "message",
  "medianSeconds",
  "relativeSpread"
})
@SchemaCustomizer(
    value = PropertySchemaPatch.class,
    input =
        "{\"startTime\":{\"format\":\"date-time\"}," + "\"finishTime\":{\"format\":\"date-time\"}}")
public class StrategyStatus {

  @JsonPropertyDescription("The strategy's name in the spec.")
  private String name;

  @JsonPropertyDescription("The strategy's type.")
  private StrategyType type;

  @JsonPropertyDescription("Pending (no Job yet), Running, Succeeded or Failed.")
  private StrategyPhase phase;

  @JsonPropertyDescription("The batch/v1 Job running this strategy, once started.")
  private String jobName;

  @JsonPropertyDescription("The first ConfigMap holding this strategy's raw samples.")
  private String resultsConfigMap;

  @JsonPropertyDescription(
      "The Kubernetes node the strategy's worker ran on (for a Ray strategy: its driver, on the"
          + " Ray head), as the worker recorded it.")
  private String node;

  @JsonPropertyDescription("The CPU model of that node, as the worker read it.")
  private String cpuModel;

  @JsonPropertyDescription("Cells this strategy measured so far.")
  private Integer cellsDone;

  @JsonPropertyDescription("Cells this strategy is to measure.")
  private Integer cellsTotal;

  @JsonPropertyDescription("When the Job started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the Job completed or failed (RFC 3339).")
  private String finishTime;

  @JsonPropertyDescription("CamelCase cause of a failure, taken from the pod when it tells.")
  private String reason;

  @JsonPropertyDescription("What failed, in the words of the worker when it said.")
  private String message;

  @JsonPropertyDescription(
      "Median seconds per cell: rows follow summary.compute, columns summary.payloadBytes (or the"
          + " axes summary.rows and summary.columns name); -1 marks a cell not measured yet.")
  private List<List<Double>> medianSeconds;

  @JsonPropertyDescription(
      "(max - min) / median of each cell's samples, laid out like medianSeconds; -1 marks a cell"
          + " not measured yet.")
  private List<List<Double>> relativeSpread;

  @JsonPropertyDescription(
      "How far the worker's drift canary moved during this strategy, in percent of its fastest"
          + " measurement; absent when the worker ran no canary.")
  private Double canaryDriftPercent;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public StrategyType getType() {
    return type;
  }

  public void setType(StrategyType type) {
    this.type = type;
  }

  public StrategyPhase getPhase() {
    return phase;
  }

  public void setPhase(StrategyPhase phase) {
    this.phase = phase;
  }

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public String getResultsConfigMap() {
    return resultsConfigMap;
  }

  public void setResultsConfigMap(String resultsConfigMap) {
    this.resultsConfigMap = resultsConfigMap;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public String getCpuModel() {
    return cpuModel;
  }

  public void setCpuModel(String cpuModel) {
    this.cpuModel = cpuModel;
  }

  public Integer getCellsDone() {
    return cellsDone;
  }

  public void setCellsDone(Integer cellsDone) {
    this.cellsDone = cellsDone;
  }

  public Integer getCellsTotal() {
    return cellsTotal;
  }

  public void setCellsTotal(Integer cellsTotal) {
    this.cellsTotal = cellsTotal;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getFinishTime() {
    return finishTime;
  }

  public void setFinishTime(String finishTime) {
    this.finishTime = finishTime;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public List<List<Double>> getMedianSeconds() {
    return medianSeconds;
  }

  public void setMedianSeconds(List<List<Double>> medianSeconds) {
    this.medianSeconds = medianSeconds;
  }

  public List<List<Double>> getRelativeSpread() {
    return relativeSpread;
  }

  public void setRelativeSpread(List<List<Double>> relativeSpread) {
    this.relativeSpread = relativeSpread;
  }

  public Double getCanaryDriftPercent() {
    return canaryDriftPercent;
  }

  public void setCanaryDriftPercent(Double canaryDriftPercent) {
    this.canaryDriftPercent = canaryDriftPercent;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StrategyStatus s
        && Objects.equals(name, s.name)
        && type == s.type
        && phase == s.phase
        && Objects.equals(jobName, s.jobName)
        && Objects.equals(resultsConfigMap, s.resultsConfigMap)
        && Objects.equals(node, s.node)
        && Objects.equals(cpuModel, s.cpuModel)
        && Objects.equals(cellsDone, s.cellsDone)
        && Objects.equals(cellsTotal, s.cellsTotal)
        && Objects.equals(startTime, s.startTime)
        && Objects.equals(finishTime, s.finishTime)
        && Objects.equals(reason, s.reason)
        && Objects.equals(message, s.message)
        && Objects.equals(medianSeconds, s.medianSeconds)
        && Objects.equals(relativeSpread, s.relativeSpread)
        && Objects.equals(canaryDriftPercent, s.canaryDriftPercent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        type,
        phase,
        jobName,
        cellsDone,
        cellsTotal,
        startTime,
        finishTime,
        canaryDriftPercent);
  }

  @Override
  public String toString() {
    return name + " " + phase + " " + cellsDone + "/" + cellsTotal;
  }
}
