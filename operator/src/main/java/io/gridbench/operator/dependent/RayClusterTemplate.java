package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.operator.OperatorSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The KubeRay {@code RayCluster} (ray.io/v1) of a sweep's Ray strategies: a head and one worker
 * group of {@code spec.ray.workers} pods (or as many as the largest Ray pool needs), all running
 * the Ray image (the runner's classes on Ray), so that Ray's Java workers find the runner's classes
 * at the same paths as the driver. Only the fields we set are modelled; the pod templates are
 * Fabric8's typed ones.
 */
public final class RayClusterTemplate {

  public static final String API_VERSION = "ray.io/v1";
  public static final String KIND = "RayCluster";

  /** The Ray version of the runner image's base ({@code rayproject/ray}); KubeRay reads it. */
  public static final String RAY_VERSION = "2.58.0";

  public static final String COMPONENT = "ray";
  static final String WORKER_GROUP = "workers";
  static final int GCS_PORT = 6379;
  static final int DASHBOARD_PORT = 8265;
  static final int CLIENT_PORT = 10001;

  private final OperatorSettings settings;

  public RayClusterTemplate(OperatorSettings settings) {
    this.settings = settings;
  }

  /** The Ray Jobs API of the head, where the submit Jobs send the drivers. */
  public static String dashboardAddress(String sweep) {
    return "http://" + ChildNames.rayHeadService(sweep) + ":" + DASHBOARD_PORT;
  }

  /** The image of the Ray nodes, which the submit Jobs run as well ({@code ray job submit}). */
  public String image(BenchmarkSweepSpec s) {
    RaySpec ray = s.effectiveRay();
    return ray.getImage() != null ? ray.getImage() : settings.rayImage();
  }

  /**
   * The head's GCS as a worker's {@code ray start --address} (KubeRay runs it in a shell): the head
   * Service's cluster IP from the variable Kubernetes sets for each Service of the namespace
   * ({@code <NAME>_SERVICE_HOST}), else the Service's name through cluster DNS. KubeRay's own
   * default is the DNS name alone, which a cluster without DNS cannot resolve; the variable exists
   * where the head Service has a cluster IP (KubeRay's {@code
   * ENABLE_RAY_HEAD_CLUSTER_IP_SERVICE=true}), the name serves where it is headless.
   */
  static String workerHeadAddress(String sweep) {
    String service = ChildNames.rayHeadService(sweep);
    return "${" + serviceHostVariable(service) + ":-" + service + "}:" + GCS_PORT;
  }

  /** The variable Kubernetes sets in a pod for a Service's cluster IP. */
  static String serviceHostVariable(String service) {
    return service.toUpperCase(Locale.ROOT).replace('-', '_') + "_SERVICE_HOST";
  }

  /** The RayCluster of {@code sweep}; owner references are added by the caller. */
  public GenericKubernetesResource rayCluster(
      String sweep, String namespace, BenchmarkSweepSpec s) {
    RaySpec ray = s.effectiveRay();
    String image = image(s);
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("serviceType", "ClusterIP");
    // Older KubeRay requires rayStartParams; the dashboard must listen beyond localhost for Jobs.
    head.put("rayStartParams", Map.of("dashboard-host", "0.0.0.0"));
    head.put("template", asMap(pod(sweep, "head", image, s, true)));

    Map<String, Object> workers = new LinkedHashMap<>();
    workers.put("groupName", WORKER_GROUP);
    int pods = PoolSizing.rayWorkerPods(s);
    workers.put("replicas", pods);
    workers.put("minReplicas", pods);
    workers.put("maxReplicas", pods);
    workers.put("rayStartParams", Map.of("address", workerHeadAddress(sweep)));
    workers.put("template", asMap(pod(sweep, "worker", image, s, false)));

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("rayVersion", RAY_VERSION);
    spec.put("headGroupSpec", head);
    spec.put("workerGroupSpecs", List.of(workers));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(KIND)
        .withNewMetadata()
        .withName(ChildNames.rayCluster(sweep))
        .withNamespace(namespace)
        .withLabels(Labels.of(sweep, COMPONENT, null))
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  /**
   * A Ray node's pod: non-root, read-only root filesystem, no capabilities; Ray's session files go
   * to an emptyDir at {@code /tmp} (KubeRay mounts {@code /dev/shm} for the object store itself).
   * The head runs the drivers, so it alone mounts the plan and gets the worker service account,
   * which may write the results ConfigMaps and nothing more; Ray workers get no API token at all.
   * Every node gets the sweep's placement, as the Jobs do.
   */
  private PodTemplateSpec pod(
      String sweep, String role, String image, BenchmarkSweepSpec s, boolean isHead) {
    RaySpec ray = s.effectiveRay();
    Map<String, Quantity> resources =
        Map.of(
            "cpu", new Quantity(ray.effectiveCpu()), "memory", new Quantity(ray.effectiveMemory()));
    ContainerBuilder container =
        new ContainerBuilder()
            .withName("ray-" + role)
            .withImage(image)
            .withImagePullPolicy("IfNotPresent")
            // Anything Ray or Java writes under $HOME lands in the writable emptyDir.
            .addNewEnv()
            .withName("HOME")
            .withValue("/tmp")
            .endEnv()
            .withResources(
                new ResourceRequirementsBuilder()
                    .withRequests(resources)
                    .withLimits(resources)
                    .build())
            .withSecurityContext(
                new SecurityContextBuilder()
                    .withRunAsNonRoot(true)
                    .withReadOnlyRootFilesystem(true)
                    .withAllowPrivilegeEscalation(false)
                    .withCapabilities(new CapabilitiesBuilder().withDrop("ALL").build())
                    .build())
            .addToVolumeMounts(
                new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    if (isHead) {
      // The Ray strategies' drivers run here and record this node with their results (Ray's
      // processes inherit the head container's environment).
      container.addToEnv(JobTemplate.nodeNameEnv());
      container.withPorts(
          new ContainerPortBuilder().withName("gcs-server").withContainerPort(GCS_PORT).build(),
          new ContainerPortBuilder()
              .withName("dashboard")
              .withContainerPort(DASHBOARD_PORT)
              .build(),
          new ContainerPortBuilder().withName("client").withContainerPort(CLIENT_PORT).build());
      container.addToVolumeMounts(
          new VolumeMountBuilder()
              .withName("plan")
              .withMountPath(JobTemplate.PLAN_DIR)
              .withReadOnly(true)
              .build());
      volumes.add(
          new VolumeBuilder()
              .withName("plan")
              .withNewConfigMap()
              .withName(ChildNames.planConfigMap(sweep))
              .endConfigMap()
              .build());
    }
    PodSpec spec =
        new PodSpecBuilder()
            // The driver on the head writes the results, as the sweep's own ServiceAccount.
            .withServiceAccountName(isHead ? ChildNames.workerAccount(sweep) : null)
            .withAutomountServiceAccountToken(isHead)
            .withSecurityContext(
                new PodSecurityContextBuilder()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(settings.workerUid())
                    .withSeccompProfile(
                        new SeccompProfileBuilder().withType("RuntimeDefault").build())
                    .build())
            .withContainers(container.build())
            .withVolumes(volumes)
            .build();
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(Labels.of(sweep, COMPONENT, null))
        .endMetadata()
        .withSpec(PodPlacement.apply(s.getPlacement(), spec))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(PodTemplateSpec pod) {
    return Serialization.jsonMapper().convertValue(pod, Map.class);
  }
}
