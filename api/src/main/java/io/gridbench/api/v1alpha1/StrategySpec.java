package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.gridbench.api.validation.SweepLimits;
import java.util.Map;
import java.util.Objects;

/** One strategy of a sweep: a name unique in the sweep, a type and its options. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StrategySpec {

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = SweepLimits.MAX_STRATEGY_NAME_LENGTH)
  @JsonPropertyDescription(
      "Name, unique in the sweep: lower-case letters, digits and '-', at most 40 characters.")
  private String name;

  @Required
  @JsonPropertyDescription("Strategy type.")
  private StrategyType type;

  @Min(1)
  @Max(SweepLimits.MAX_WORKERS)
  @JsonPropertyDescription("Pool size for this strategy; defaults to spec.workers.")
  private Integer workers;

  @JsonPropertyDescription(
      "ProcessPool, RayPool, PythonPool and PythonRayPool: create and tear down the pool inside"
          + " every measured cell.")
  private Boolean rebuild;

  @Min(1)
  @Max(SweepLimits.MAX_CHUNK_SIZE)
  @JsonPropertyDescription(
      "ProcessPool, RayPool, PythonPool and PythonRayPool: tasks per message; default"
          + " ceil(tasks / (4 * workers)).")
  private Integer chunkSize;

  @JsonPropertyDescription("ProcessPool: how payloads reach the workers (pipe or shm).")
  private Transport transport;

  @JsonPropertyDescription(
      "PythonPool: how multiprocessing starts the pool's processes (fork, spawn or forkserver);"
          + " default fork.")
  private StartMethod startMethod;

  @Size(max = SweepLimits.MAX_ACTOR_RESOURCES)
  @JsonPropertyDescription(
      "RayPool and RayActors: the Ray resources each actor holds, e.g. {CPU: 1} (one actor per"
          + " CPU, as Python's ray.util.multiprocessing.Pool places its actors) or a custom"
          + " resource a node offers; each quantity in (0, 1] or a whole number up to "
          + SweepLimits.MAX_ACTOR_RESOURCE_QUANTITY
          + ". Default none: Ray may place the actors on any node, the head included.")
  private Map<String, Double> actorResources;

  public StrategySpec() {}

  public StrategySpec(String name, StrategyType type) {
    this.name = name;
    this.type = type;
  }

  /** {@link #getRebuild()} with its default (false) applied. */
  @JsonIgnore
  public boolean rebuildsPerCell() {
    return Boolean.TRUE.equals(rebuild);
  }

  /** {@link #getTransport()} with its default (pipe) applied. */
  @JsonIgnore
  public Transport effectiveTransport() {
    return transport == null ? Transport.PIPE : transport;
  }

  /** {@link #getStartMethod()} with its default (fork) applied. */
  @JsonIgnore
  public StartMethod effectiveStartMethod() {
    return startMethod == null ? StartMethod.FORK : startMethod;
  }

  public StartMethod getStartMethod() {
    return startMethod;
  }

  public void setStartMethod(StartMethod startMethod) {
    this.startMethod = startMethod;
  }

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

  public Integer getWorkers() {
    return workers;
  }

  public void setWorkers(Integer workers) {
    this.workers = workers;
  }

  public Boolean getRebuild() {
    return rebuild;
  }

  public void setRebuild(Boolean rebuild) {
    this.rebuild = rebuild;
  }

  public Integer getChunkSize() {
    return chunkSize;
  }

  public void setChunkSize(Integer chunkSize) {
    this.chunkSize = chunkSize;
  }

  public Transport getTransport() {
    return transport;
  }

  public void setTransport(Transport transport) {
    this.transport = transport;
  }

  public Map<String, Double> getActorResources() {
    return actorResources;
  }

  public void setActorResources(Map<String, Double> actorResources) {
    this.actorResources = actorResources;
  }

  /** {@link #getActorResources()} with its default (none) applied. */
  @JsonIgnore
  public Map<String, Double> effectiveActorResources() {
    return actorResources == null ? Map.of() : actorResources;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StrategySpec s
        && Objects.equals(name, s.name)
        && type == s.type
        && Objects.equals(workers, s.workers)
        && Objects.equals(rebuild, s.rebuild)
        && Objects.equals(chunkSize, s.chunkSize)
        && transport == s.transport
        && startMethod == s.startMethod
        && Objects.equals(actorResources, s.actorResources);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, type, workers, rebuild, chunkSize, transport, startMethod, actorResources);
  }

  @Override
  public String toString() {
    return name + " (" + type + ")";
  }
}
