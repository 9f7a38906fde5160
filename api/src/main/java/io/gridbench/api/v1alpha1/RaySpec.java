package io.gridbench.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** The KubeRay RayCluster the operator creates for a sweep's Ray strategies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "workers",
  "maxWorkers",
  "cpu",
  "memory",
  "image",
  "readinessTimeoutSeconds",
  "keepCluster"
})
public class RaySpec {
  public static final int DEFAULT_WORKERS = 1;
  public static final int DEFAULT_MAX_WORKERS = 8;
  public static final String DEFAULT_CPU = "1";
  public static final String DEFAULT_MEMORY = "2Gi";
  public static final int DEFAULT_READINESS_TIMEOUT_SECONDS = 600;

  @Min(0)
  @JsonPropertyDescription(
      "Ray worker pods besides the head (default: 1, or as many as the sweep's largest Ray pool"
          + " needs at spec.ray.cpu per node).")
  private Integer workers;

  @Min(0)
  @JsonPropertyDescription(
      "The most Ray worker pods a sweep may ask for (default 8); a sweep whose largest Ray pool"
          + " needs more is refused.")
  private Integer maxWorkers;

  @JsonPropertyDescription("CPU of every Ray node, head included, as a quantity (default 1).")
  private String cpu;

  @JsonPropertyDescription("Memory of every Ray node, head included, as a quantity (default 2Gi).")
  private String memory;

  @JsonPropertyDescription(
      "Image of the Ray nodes and of the Ray strategies' submit Jobs (default: the operator's"
          + " Ray image, GRIDBENCH_RAY_IMAGE). It must hold Ray 2.58.0 with its dashboard (the"
          + " driver runs the image's own ray/jars/ray_dist.jar), Java 17 and the gridbench"
          + " command on PATH.")
  private String image;

  @Min(1)
  @JsonPropertyDescription(
      "Seconds the RayCluster may take to become ready before the Ray strategies fail (default"
          + " 600).")
  private Integer readinessTimeoutSeconds;

  @JsonPropertyDescription(
      "Keep the RayCluster after the Ray strategies finished (default false: delete it).")
  private Boolean keepCluster;

  @JsonIgnore
  public int effectiveWorkers() {
    return workers == null ? DEFAULT_WORKERS : workers;
  }

  @JsonIgnore
  public int effectiveMaxWorkers() {
    return maxWorkers == null ? DEFAULT_MAX_WORKERS : maxWorkers;
  }

  @JsonIgnore
  public String effectiveCpu() {
    return cpu == null ? DEFAULT_CPU : cpu;
  }

  @JsonIgnore
  public String effectiveMemory() {
    return memory == null ? DEFAULT_MEMORY : memory;
  }

  @JsonIgnore
  public int effectiveReadinessTimeoutSeconds() {
    return readinessTimeoutSeconds == null
        ? DEFAULT_READINESS_TIMEOUT_SECONDS
        : readinessTimeoutSeconds;
  }

  @JsonIgnore
  public boolean effectiveKeepCluster() {
    return keepCluster != null && keepCluster;
  }

  public Integer getWorkers() {
    return workers;
  }

  public void setWorkers(Integer workers) {
    this.workers = workers;
  }

  public Integer getMaxWorkers() {
    return maxWorkers;
  }

  public void setMaxWorkers(Integer maxWorkers) {
    this.maxWorkers = maxWorkers;
  }

  public String getCpu() {
    return cpu;
  }

  public void setCpu(String cpu) {
    this.cpu = cpu;
  }

  public String getMemory() {
    return memory;
  }

  public void setMemory(String memory) {
    this.memory = memory;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Integer getReadinessTimeoutSeconds() {
    return readinessTimeoutSeconds;
  }

  public void setReadinessTimeoutSeconds(Integer readinessTimeoutSeconds) {
    this.readinessTimeoutSeconds = readinessTimeoutSeconds;
  }

  public Boolean getKeepCluster() {
    return keepCluster;
  }

  public void setKeepCluster(Boolean keepCluster) {
    this.keepCluster = keepCluster;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RaySpec r
        && Objects.equals(workers, r.workers)
        && Objects.equals(maxWorkers, r.maxWorkers)
        && Objects.equals(cpu, r.cpu)
        && Objects.equals(memory, r.memory)
        && Objects.equals(image, r.image)
        && Objects.equals(readinessTimeoutSeconds, r.readinessTimeoutSeconds)
        && Objects.equals(keepCluster, r.keepCluster);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        workers, maxWorkers, cpu, memory, image, readinessTimeoutSeconds, keepCluster);
  }
}
