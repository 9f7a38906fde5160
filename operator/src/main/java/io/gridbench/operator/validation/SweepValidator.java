package io.gridbench.operator.validation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.gridbench.api.plan.ChildNames;
import io.gridbench.api.plan.Labels;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.RaySpec;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.validation.SweepSpecValidator;
import io.gridbench.operator.dependent.PoolSizing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the CRD schema cannot reject: the shared spec rules of {@link SweepSpecValidator} plus
 * the rules that only matter once the sweep runs as Jobs and a RayCluster. Messages are full
 * sentences naming the field and what is allowed.
 */
public final class SweepValidator {

  /** Job names become the {@code job-name} label of their pods, and label values stop at 63. */
  static final int MAX_JOB_NAME_LENGTH = 63;

  private final SweepSpecValidator shared = new SweepSpecValidator();

  /**
   * Every problem of {@code sweep}, whose names are taken by {@code leftovers} (plan or results
   * ConfigMaps of an earlier sweep of the same name); empty when it can run.
   */
  public List<String> validate(BenchmarkSweep sweep, List<ConfigMap> leftovers) {
    List<String> problems = new ArrayList<>(validate(sweep));
    leftovers(sweep, leftovers).ifPresent(problems::add);
    return problems;
  }

  /**
   * The names this sweep's ConfigMaps need are held by an earlier sweep's: retained results (no
   * owner: they stay until deleted) or a deleted sweep's the garbage collector has not removed yet.
   */
  private static Optional<String> leftovers(BenchmarkSweep sweep, List<ConfigMap> leftovers) {
    if (leftovers.isEmpty()) {
      return Optional.empty();
    }
    String name = sweep.getMetadata().getName();
    String ns = sweep.getMetadata().getNamespace();
    List<String> names =
        leftovers.stream().map(cm -> cm.getMetadata().getName()).sorted().distinct().toList();
    boolean retained =
        leftovers.stream()
            .anyMatch(
                cm ->
                    cm.getMetadata().getLabels() != null
                        && "true".equals(cm.getMetadata().getLabels().get(Labels.RETAINED)));
    String plan = ChildNames.planConfigMap(name);
    long results = names.stream().filter(n -> !n.equals(plan)).count();
    String which =
        (names.contains(plan) ? "ConfigMap " + plan + (results > 0 ? " and " : "") : "")
            + (results > 0 ? results + " results ConfigMap" + (results > 1 ? "s" : "") : "");
    return Optional.of(
        retained
            ? "metadata.name: the retained results of an earlier sweep named "
                + name
                + " ("
                + which
                + ") hold the names this sweep needs; fetch them if wanted (gridbench fetch "
                + name
                + " -n "
                + ns
                + "), then delete them (kubectl delete configmap -n "
                + ns
                + " -l "
                + Labels.RETAINED
                + "=true,"
                + Labels.SWEEP
                + "="
                + name
                + "), or give this sweep another name; it starts once they are gone."
            : "metadata.name: a deleted sweep named "
                + name
                + " left "
                + which
                + ", which the garbage collector removes; this sweep starts once they are gone.");
  }

  /** Every problem of {@code sweep}'s spec and names; empty when it can run. */
  public List<String> validate(BenchmarkSweep sweep) {
    List<String> problems = new ArrayList<>(shared.validate(sweep.getSpec()));
    if (sweep.getSpec() != null && sweep.getSpec().getStrategies() != null) {
      List<StrategySpec> strategies = sweep.getSpec().getStrategies();
      for (int i = 0; i < strategies.size(); i++) {
        StrategySpec s = strategies.get(i);
        if (s == null || s.getName() == null) {
          continue;
        }
        jobName(sweep.getMetadata().getName(), s.getName(), i).ifPresent(problems::add);
      }
      problems.addAll(ray(sweep));
    }
    if (sweep.getSpec() != null) {
      problems.addAll(PlacementValidator.validate(sweep.getSpec().getPlacement()));
    }
    return problems;
  }

  private static Optional<String> jobName(String sweep, String strategy, int i) {
    String job = ChildNames.job(sweep, strategy);
    if (job.length() <= MAX_JOB_NAME_LENGTH) {
      return Optional.empty();
    }
    return Optional.of(
        "spec.strategies["
            + i
            + "].name: the Job name '"
            + job
            + "' (sweep name, '-', strategy name) has "
            + job.length()
            + " characters; at most "
            + MAX_JOB_NAME_LENGTH
            + " are allowed, so shorten the sweep or the strategy name.");
  }

  /**
   * The RayCluster's head Service, {@code <sweep>-ray-head-svc}, must be a DNS-1035 label: at most
   * 63 characters, starting with a letter. Node sizes must be Kubernetes quantities.
   */
  private static List<String> ray(BenchmarkSweep sweep) {
    List<String> problems = new ArrayList<>();
    if (sweep.getSpec() == null || !sweep.getSpec().hasRayStrategies()) {
      return problems;
    }
    String name = sweep.getMetadata().getName();
    String service = ChildNames.rayHeadService(name);
    if (service.length() > MAX_JOB_NAME_LENGTH || !Character.isLetter(name.charAt(0))) {
      problems.add(
          "metadata.name: a sweep with Ray strategies names its RayCluster's head Service '"
              + service
              + "', which must start with a letter and have at most "
              + MAX_JOB_NAME_LENGTH
              + " characters; rename the sweep (at most "
              + (MAX_JOB_NAME_LENGTH - service.length() + name.length())
              + " characters, starting with a letter).");
    }
    RaySpec ray = sweep.getSpec().effectiveRay();
    quantity("spec.ray.cpu", ray.effectiveCpu(), "2 or 500m").ifPresent(problems::add);
    quantity("spec.ray.memory", ray.effectiveMemory(), "4Gi").ifPresent(problems::add);
    rayWorkerPods(sweep.getSpec()).ifPresent(problems::add);
    problems.addAll(actorsLargerThanANode(sweep.getSpec()));
    return problems;
  }

  /**
   * An actor asking for more CPU than a Ray node counts can be placed nowhere: Ray would leave it
   * pending for ever (the runner refuses it too, but only once the cluster is up).
   */
  private static List<String> actorsLargerThanANode(BenchmarkSweepSpec spec) {
    RaySpec ray = spec.effectiveRay();
    int cpus = PoolSizing.rayCpusPerNode(ray);
    List<String> problems = new ArrayList<>();
    List<StrategySpec> strategies = spec.getStrategies();
    for (int i = 0; i < strategies.size(); i++) {
      StrategySpec s = strategies.get(i);
      if (s != null
          && s.getType() != null
          && s.getType().isRay()
          && s.effectiveActorResources().containsKey("CPU")
          && PoolSizing.actorsPerNode(cpus, s) == 0) {
        problems.add(
            "spec.strategies["
                + i
                + "].actorResources: CPU "
                + s.effectiveActorResources().get("CPU")
                + " is more than a Ray node has ("
                + cpus
                + " Ray CPU at spec.ray.cpu "
                + ray.effectiveCpu()
                + ", rounded up as KubeRay does); ask for at most "
                + cpus
                + " or raise spec.ray.cpu.");
      }
    }
    return problems;
  }

  /** The Ray worker pods the sweep asks for, given or computed, within spec.ray.maxWorkers. */
  private static Optional<String> rayWorkerPods(BenchmarkSweepSpec spec) {
    RaySpec ray = spec.effectiveRay();
    int pods = PoolSizing.rayWorkerPods(spec);
    if (pods <= ray.effectiveMaxWorkers()) {
      return Optional.empty();
    }
    if (ray.getWorkers() != null) {
      return Optional.of(
          "spec.ray.workers: "
              + pods
              + " Ray worker pods are more than spec.ray.maxWorkers allows ("
              + ray.effectiveMaxWorkers()
              + "); ask for fewer or raise spec.ray.maxWorkers.");
    }
    String field =
        spec.getGrid() != null && spec.getGrid().getWorkers() != null
            ? "spec.grid.workers"
            : "spec.workers";
    return Optional.of(
        field
            + ": the largest Ray pool, "
            + PoolSizing.largestRayPool(spec).orElse(0)
            + " workers at "
            + PoolSizing.rayCpusPerNode(ray)
            + " Ray CPU per node (spec.ray.cpu rounded up, as KubeRay starts the nodes), needs "
            + pods
            + " Ray worker pods besides the head; spec.ray.maxWorkers allows 0 to "
            + ray.effectiveMaxWorkers()
            + ". Lower the pool, or raise spec.ray.cpu or spec.ray.maxWorkers.");
  }

  private static Optional<String> quantity(String field, String value, String example) {
    try {
      if (Quantity.getAmountInBytes(new Quantity(value)).signum() > 0) {
        return Optional.empty();
      }
    } catch (IllegalArgumentException e) {
      // Not a quantity at all: reported below.
    }
    return Optional.of(
        field
            + ": '"
            + value
            + "' is not a positive Kubernetes quantity; write for example "
            + example
            + ".");
  }
}
