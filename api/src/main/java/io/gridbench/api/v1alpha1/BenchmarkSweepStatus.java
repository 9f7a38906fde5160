package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Condition;
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
  "conditions",
  "strategies",
  "summary"
})
public class BenchmarkSweepStatus {

  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "The generation whose spec the sweep runs; a spec changed after the start is not applied.")
  private Long appliedGeneration;

  private SweepPhase phase;

  @JsonPropertyDescription("Cells measured over cells to measure, all strategies together.")
  private String progress;

  private Integer cellsDone;
  private Integer cellsTotal;
  private List<Condition> conditions = new ArrayList<>();
  private List<StrategyStatus> strategies = new ArrayList<>();
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
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(strategies, s.strategies)
        && Objects.equals(summary, s.summary);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, appliedGeneration, phase, progress, conditions);
  }
}
