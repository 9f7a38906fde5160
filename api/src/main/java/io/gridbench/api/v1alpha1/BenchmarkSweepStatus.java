package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import io.gridbench.api.crd.PropertySchemaPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Observed state of a sweep, written by the operator only. It holds summaries (medians, spreads,
 * fastest per cell); the raw samples stay in the per-strategy ConfigMaps, so a large grid cannot
 * push the object past the API server's size limit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "observedGeneration",
  "appliedGeneration",
  "phase",
  "progress",
  "cellsDone",
  "cellsTotal",
  "startTime",
  "completionTime",
  "duration",
  "conditions",
  "rayCluster",
  "strategies",
  "summary"
})
@SchemaCustomizer(
    value = PropertySchemaPatch.class,
    input =
        "{\"startTime\":{\"format\":\"date-time\"},"
            + "\"completionTime\":{\"format\":\"date-time\"},"
            + "\"conditions[].lastTransitionTime\":{\"format\":\"date-time\"}}")
public class BenchmarkSweepStatus {

  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "The generation whose spec the sweep runs; a spec changed after the start is not applied.")
  private Long appliedGeneration;

  @JsonPropertyDescription(
      "Pending, Running, Succeeded, PartiallySucceeded (some strategies failed) or Failed (all"
          + " failed, or the spec is invalid).")
  private SweepPhase phase;

  @JsonPropertyDescription("Cells measured over cells to measure, all strategies together.")
  private String progress;

  @JsonPropertyDescription("Cells measured so far, all strategies together.")
  private Integer cellsDone;

  @JsonPropertyDescription("Cells to measure, all strategies together.")
  private Integer cellsTotal;

  @JsonPropertyDescription("When the sweep's first Job started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription(
      "When the sweep finished, succeeded or not (RFC 3339); set together with the Complete"
          + " condition.")
  private String completionTime;

  @JsonPropertyDescription("completionTime - startTime, for people (e.g. 4m12s).")
  private String duration;

  @JsonPropertyDescription(
      "Ready, Progressing, Degraded, SpecApplied, Complete (True once the sweep finished,"
          + " succeeded or not: kubectl wait --for=condition=Complete), Drifting, RayCluster.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The sweep's RayCluster; only on sweeps with Ray strategies.")
  private RayClusterStatus rayCluster;

  @JsonPropertyDescription("Per strategy, in spec order.")
  private List<StrategyStatus> strategies = new ArrayList<>();

  @JsonPropertyDescription("The grid's axes and the fastest strategy per cell and overall.")
  private SweepSummary summary;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Long getAppliedGeneration() {
    return appliedGeneration;
  }

  public void setAppliedGeneration(Long appliedGeneration) {
    this.appliedGeneration = appliedGeneration;
  }

  public SweepPhase getPhase() {
    return phase;
  }

  public void setPhase(SweepPhase phase) {
    this.phase = phase;
  }

  public String getProgress() {
    return progress;
  }

  public void setProgress(String progress) {
    this.progress = progress;
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

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public String getDuration() {
    return duration;
  }

  public void setDuration(String duration) {
    this.duration = duration;
  }

  public RayClusterStatus getRayCluster() {
    return rayCluster;
  }

  public void setRayCluster(RayClusterStatus rayCluster) {
    this.rayCluster = rayCluster;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<StrategyStatus> getStrategies() {
    return strategies;
  }

  public void setStrategies(List<StrategyStatus> strategies) {
    this.strategies = strategies;
  }

  public SweepSummary getSummary() {
    return summary;
  }

  public void setSummary(SweepSummary summary) {
    this.summary = summary;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BenchmarkSweepStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(appliedGeneration, s.appliedGeneration)
        && phase == s.phase
        && Objects.equals(progress, s.progress)
        && Objects.equals(cellsDone, s.cellsDone)
        && Objects.equals(cellsTotal, s.cellsTotal)
        && Objects.equals(startTime, s.startTime)
        && Objects.equals(completionTime, s.completionTime)
        && Objects.equals(duration, s.duration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(rayCluster, s.rayCluster)
        && Objects.equals(strategies, s.strategies)
        && Objects.equals(summary, s.summary);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, appliedGeneration, phase, progress, conditions);
  }
}
