package io.gridbench.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import io.gridbench.api.v1alpha1.RayClusterPhase;
import io.gridbench.api.v1alpha1.StrategyPhase;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.observe.RayClusterState;
import io.gridbench.operator.observe.SweepObservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepStatusBuilderTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);
  private final SweepObservations observed = new SweepObservations();

  private static Condition condition(BenchmarkSweepStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anInvalidSpecFailsWithTheProblemsInItsConditions() {
    observed.started = false;
    observed.problems.add("spec.strategies[1].name: 'a' is used twice; names must be unique.");

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getPhase()).isEqualTo(SweepPhase.Failed);
    assertThat(status.getStrategies()).isEmpty();
    Condition applied = condition(status, Reasons.SPEC_APPLIED);
    assertThat(applied.getStatus()).isEqualTo("False");
    assertThat(applied.getReason()).isEqualTo(Reasons.INVALID_SPEC);
    assertThat(applied.getMessage()).contains("'a' is used twice");
    assertThat(applied.getObservedGeneration()).isEqualTo(1L);
    assertThat(condition(status, Reasons.DEGRADED).getStatus()).isEqualTo("True");
    assertThat(condition(status, Reasons.PROGRESSING).getStatus()).isEqualTo("False");
  }

  @Test
  void aRunningSweepShowsProgressAndPartialMatrices() {
    observed.job("a", null).cell("a", 0, 0, 1.0, 3.0).cell("a", 1000, 256, 2.0);

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getPhase()).isEqualTo(SweepPhase.Running);
    assertThat(status.getProgress()).isEqualTo("2/8");
    StrategyStatus a = status.getStrategies().get(0);
    assertThat(a.getPhase()).isEqualTo(StrategyPhase.Running);
    assertThat(a.getJobName()).isEqualTo("s-a");
    assertThat(a.getCellsDone()).isEqualTo(2);
    assertThat(a.getMedianSeconds()).isEqualTo(List.of(List.of(2.0, -1.0), List.of(-1.0, 2.0)));
    assertThat(a.getRelativeSpread()).isEqualTo(List.of(List.of(1.0, -1.0), List.of(-1.0, 0.0)));
    assertThat(status.getSummary().getFastestPerCell())
        .isEqualTo(List.of(List.of("a", "-"), List.of("-", "a")));
    assertThat(status.getStrategies().get(1).getPhase()).isEqualTo(StrategyPhase.Pending);
    assertThat(status.getStrategies().get(1).getMedianSeconds()).isNull();
    assertThat(condition(status, Reasons.PROGRESSING).getMessage())
        .isEqualTo("Running a (2/4 cells).");
    assertThat(condition(status, Reasons.READY).getStatus()).isEqualTo("False");
  }

  @Test
  void aWorkerPodNoNodeCanTakeShowsTheSchedulersMessageInProgressing() {
    observed.job("a", null);
    observed.pods.put("a", List.of(unschedulablePod("s-a-1")));

    BenchmarkSweepStatus status = observed.status(CLOCK);

    StrategyStatus a = status.getStrategies().get(0);
    assertThat(a.getPhase()).isEqualTo(StrategyPhase.Running);
    assertThat(a.getReason()).isEqualTo(Reasons.UNSCHEDULABLE);
    assertThat(a.getMessage())
        .isEqualTo(
            "the worker pod cannot be scheduled: 0/1 nodes are available: 1 Insufficient cpu.");
    Condition progressing = condition(status, Reasons.PROGRESSING);
    assertThat(progressing.getStatus()).isEqualTo("True");
    assertThat(progressing.getReason()).isEqualTo(Reasons.WORKER_UNSCHEDULABLE);
    assertThat(progressing.getMessage())
        .startsWith("Waiting for a node: a: the worker pod cannot be scheduled: 0/1 nodes")
        .contains("runner.cpu");
    assertThat(status.getPhase()).isEqualTo(SweepPhase.Running);
  }

  @Test
  void onAWorkersAxisAnUnschedulableWorkerPointsAtTheAxisNotOnlyTheChart() {
    observed.sweep.getSpec().getGrid().setCompute(Axis.of(0));
    observed.sweep.getSpec().getGrid().setWorkers(Axis.of(1, 8));
    observed.job("b", null);
    observed.pods.put("b", List.of(unschedulablePod("s-b-1")));

    BenchmarkSweepStatus status = observed.status(CLOCK);

    Condition progressing = condition(status, Reasons.PROGRESSING);
    assertThat(progressing.getReason()).isEqualTo(Reasons.WORKER_UNSCHEDULABLE);
    assertThat(progressing.getMessage())
        .startsWith("Waiting for a node: b: the worker pod cannot be scheduled: 0/1 nodes")
        .isEqualTo(
            "Waiting for a node: b: the worker pod cannot be scheduled: 0/1 nodes are available:"
                + " 1 Insufficient cpu. On spec.grid.workers a local strategy's Job asks one CPU"
                + " per worker of its largest pool: lower the axis's largest value to the CPUs a"
                + " node offers, or give the workers less CPU or memory (the chart's runner.cpu"
                + " and runner.memory) or the cluster a bigger node. The sweep goes on once the"
                + " pod is placed.");
    assertThat(status.getPhase()).isEqualTo(SweepPhase.Running);
  }

  @Test
  void aReplacementWaitingForATerminatingPodsResourcesIsNotUnschedulable() {
    observed.job("a", null);
    observed.pods.put(
        "a",
        List.of(
            new PodBuilder()
                .withNewMetadata()
                .withName("s-a-1")
                .withDeletionTimestamp("2025-06-01T09:59:58Z")
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build(),
            unschedulablePod("s-a-2")));

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getStrategies().get(0).getReason()).isNull();
    assertThat(condition(status, Reasons.PROGRESSING).getReason())
        .isEqualTo(Reasons.STRATEGY_RUNNING);
  }

  @Test
  void aScheduledPendingPodIsNotUnschedulable() {
    observed.job("a", null);
    observed.pods.put(
        "a",
        List.of(
            new PodBuilder()
                .withNewMetadata()
                .withName("s-a-1")
                .endMetadata()
                .withNewStatus()
                .withPhase("Pending")
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build()));

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getStrategies().get(0).getReason()).isNull();
    assertThat(condition(status, Reasons.PROGRESSING).getReason())
        .isEqualTo(Reasons.STRATEGY_RUNNING);
  }

  @Test
  void allSucceededSummarisesTheFastestPerCell() {
    observed.job("a", "Complete").job("b", "Complete");
    for (long c : new long[] {0, 1000}) {
      for (long p : new long[] {0, 256}) {
        observed.cell("a", c, p, c == 0 ? 1.0 : 3.0);
        observed.cell("b", c, p, 2.0);
      }
    }

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getPhase()).isEqualTo(SweepPhase.Succeeded);
    assertThat(status.getSummary().getFastestPerCell())
        .isEqualTo(List.of(List.of("a", "a"), List.of("b", "b")));
    assertThat(status.getSummary().getFastest()).isEqualTo("a (2/4 cells)");
    assertThat(status.getStrategies().get(0).getFinishTime()).isEqualTo("2025-01-01T00:01:00Z");
    assertThat(condition(status, Reasons.READY).getReason())
        .isEqualTo(Reasons.ALL_STRATEGIES_SUCCEEDED);
    assertThat(condition(status, Reasons.PROGRESSING).getReason())
        .isEqualTo(Reasons.SWEEP_FINISHED);
  }

  @Test
  void aFailedStrategyTakesItsReasonFromTheWorkersTerminationMessage() {
    observed.job("a", "Failed").job("b", "Complete");
    observed.pods.put(
        "a",
        List.of(
            new PodBuilder()
                .withNewMetadata()
                .withName("s-a-1")
                .withCreationTimestamp("2025-01-01T00:00:00Z")
                .endMetadata()
                .withNewStatus()
                .withContainerStatuses(
                    new ContainerStatusBuilder()
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(1)
                        .withReason("Error")
                        .withMessage("MeasurementFailed: checksum mismatch in cell c")
                        .endTerminated()
                        .endState()
                        .build())
                .endStatus()
                .build()));

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getPhase()).isEqualTo(SweepPhase.PartiallySucceeded);
    StrategyStatus a = status.getStrategies().get(0);
    assertThat(a.getPhase()).isEqualTo(StrategyPhase.Failed);
    assertThat(a.getReason()).isEqualTo("MeasurementFailed");
    assertThat(a.getMessage()).isEqualTo("checksum mismatch in cell c");
    assertThat(condition(status, Reasons.DEGRADED).getReason()).isEqualTo(Reasons.STRATEGY_FAILED);
    assertThat(condition(status, Reasons.READY).getReason())
        .isEqualTo(Reasons.SOME_STRATEGIES_FAILED);
  }

  @Test
  void withoutPodsTheFailureReasonComesFromTheJob() {
    observed.job("a", "Failed").job("b", "Failed");

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getPhase()).isEqualTo(SweepPhase.Failed);
    assertThat(status.getStrategies().get(0).getReason()).isEqualTo("BackoffLimitExceeded");
    assertThat(condition(status, Reasons.READY).getReason())
        .isEqualTo(Reasons.ALL_STRATEGIES_FAILED);
  }

  @Test
  void aSpecChangedAfterTheStartIsReportedNotApplied() {
    SweepObservation first = observed.job("a", null).build();
    BenchmarkSweepSpec edited = new BenchmarkSweepSpec();
    edited.setGrid(observed.sweep.getSpec().getGrid());
    edited.setStrategies(observed.sweep.getSpec().getStrategies());
    edited.setRepetitions(new IntOrString(9));
    observed.sweep.setSpec(edited);
    observed.sweep.getMetadata().setGeneration(2L);

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(first.plan().orElseThrow().generation()).isEqualTo(1L);
    assertThat(status.getObservedGeneration()).isEqualTo(2L);
    assertThat(status.getAppliedGeneration()).isEqualTo(1L);
    Condition applied = condition(status, Reasons.SPEC_APPLIED);
    assertThat(applied.getStatus()).isEqualTo("False");
    assertThat(applied.getReason()).isEqualTo(Reasons.SPEC_CHANGED_AFTER_START);
    assertThat(applied.getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void recomputingAnUnchangedSweepYieldsAnEqualStatusWithStableTransitionTimes() {
    observed.job("a", null).cell("a", 0, 0, 1.0);
    BenchmarkSweepStatus before = observed.status(CLOCK);
    observed.sweep.setStatus(before);

    Clock later = Clock.fixed(Instant.parse("2025-06-01T11:00:00Z"), ZoneOffset.UTC);
    BenchmarkSweepStatus again = observed.status(later);

    assertThat(again).isEqualTo(before);
    assertThat(condition(again, Reasons.READY).getLastTransitionTime())
        .isEqualTo("2025-06-01T10:00:00Z");

    observed.job("a", "Complete").job("b", "Complete");
    BenchmarkSweepStatus done = observed.status(later);
    assertThat(condition(done, Reasons.READY).getLastTransitionTime())
        .isEqualTo("2025-06-01T11:00:00Z");
    assertThat(condition(done, Reasons.DEGRADED).getLastTransitionTime())
        .as("Degraded stayed False")
        .isEqualTo("2025-06-01T10:00:00Z");
  }

  @Test
  void aGridTooLargeForStatusKeepsCountsAndExplainsWhereTheMatricesAre() {
    observed
        .sweep
        .getSpec()
        .getGrid()
        .setCompute(io.gridbench.api.v1alpha1.Axis.geometric(1, 2, 60));
    observed
        .sweep
        .getSpec()
        .getGrid()
        .setPayloadBytes(io.gridbench.api.v1alpha1.Axis.geometric(1, 2, 50));
    observed.job("a", null).cell("a", 1, 1, 1.0);

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getStrategies().get(0).getMedianSeconds()).isNull();
    assertThat(status.getSummary().getFastestPerCell()).isNull();
    assertThat(status.getSummary().getNote()).contains("gridbench.io/sweep=s");
    assertThat(status.getProgress()).isEqualTo("1/6000");
    assertThat(status.getSummary().getFastest()).isEqualTo("a (1/1 cells)");
  }

  @Test
  void anErrorKeepsTheStatusAndSetsDegraded() {
    observed.job("a", null).cell("a", 0, 0, 1.0);
    observed.sweep.setStatus(observed.status(CLOCK));

    BenchmarkSweepStatus status =
        new SweepStatusBuilder(observed.sweep, CLOCK)
            .addError(
                new ErrorClassifier.Problem(
                    Reasons.WRITE_REJECTED, "The API server rejected it.", false))
            .build();

    assertThat(status.getProgress()).isEqualTo("1/8");
    assertThat(status.getStrategies()).isEqualTo(observed.sweep.getStatus().getStrategies());
    Condition degraded = condition(status, Reasons.DEGRADED);
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo(Reasons.WRITE_REJECTED);
    assertThat(condition(status, Reasons.READY))
        .isEqualTo(condition(observed.sweep.getStatus(), Reasons.READY));
  }

  @Test
  void aSweepWithoutRayStrategiesHasNoRayClusterCondition() {
    observed.job("a", null);

    assertThat(observed.status(CLOCK).getConditions())
        .extracting(Condition::getType)
        .doesNotContain(Reasons.RAY_CLUSTER);
  }

  @Test
  void aWaitingRayClusterKeepsTheRayStrategyPendingAndSaysWhy() {
    observed
        .withRayStrategy(
            new RayClusterState(
                RayClusterState.Phase.WAITING,
                "s-ray",
                Reasons.WAITING_FOR_RAY_CLUSTER,
                "Waiting for RayCluster s-ray to be ready (at most 600s)."))
        .job("a", "Complete");

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getStrategies().get(1).getPhase()).isEqualTo(StrategyPhase.Pending);
    assertThat(status.getPhase()).isEqualTo(SweepPhase.Running);
    Condition ray = condition(status, Reasons.RAY_CLUSTER);
    assertThat(ray.getStatus()).isEqualTo("False");
    assertThat(ray.getReason()).isEqualTo(Reasons.WAITING_FOR_RAY_CLUSTER);
  }

  @Test
  void anUnavailableRayClusterFailsTheRayStrategiesAndTheOthersStillCount() {
    observed
        .withRayStrategy(
            new RayClusterState(
                RayClusterState.Phase.UNAVAILABLE,
                "s-ray",
                Reasons.KUBERAY_NOT_INSTALLED,
                "KubeRay is not installed: ... helm install kuberay-operator ..."))
        .job("a", "Complete");

    BenchmarkSweepStatus status = observed.status(CLOCK);

    StrategyStatus r = status.getStrategies().get(1);
    assertThat(r.getPhase()).isEqualTo(StrategyPhase.Failed);
    assertThat(r.getReason()).isEqualTo(Reasons.KUBERAY_NOT_INSTALLED);
    assertThat(r.getMessage()).contains("helm install kuberay-operator");
    assertThat(status.getStrategies().get(0).getPhase()).isEqualTo(StrategyPhase.Succeeded);
    assertThat(status.getPhase()).isEqualTo(SweepPhase.PartiallySucceeded);
    assertThat(condition(status, Reasons.RAY_CLUSTER).getReason())
        .isEqualTo(Reasons.KUBERAY_NOT_INSTALLED);
    assertThat(condition(status, Reasons.DEGRADED).getMessage())
        .contains("Strategy r failed (KubeRayNotInstalled)");
  }

  @Test
  void aRayStrategyWhoseJobStartedIsJudgedByItsJobEvenIfTheClusterIsGoneNow() {
    observed
        .withRayStrategy(
            new RayClusterState(
                RayClusterState.Phase.UNAVAILABLE,
                "s-ray",
                Reasons.RAY_CLUSTER_NOT_READY,
                "RayCluster s-ray was not ready within 600s"))
        .job("a", "Complete")
        .job("r", "Complete");

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getStrategies().get(1).getPhase()).isEqualTo(StrategyPhase.Succeeded);
  }

  @Test
  void aKeptClusterIsReadyAndADeletedOneIsNot() {
    observed
        .withRayStrategy(
            new RayClusterState(
                RayClusterState.Phase.RELEASED, "s-ray", Reasons.RAY_CLUSTER_KEPT, "kept"))
        .job("a", "Complete")
        .job("r", "Complete");
    assertThat(condition(observed.status(CLOCK), Reasons.RAY_CLUSTER).getStatus())
        .isEqualTo("True");

    observed.ray =
        new RayClusterState(
            RayClusterState.Phase.RELEASED, "s-ray", Reasons.RAY_CLUSTER_DELETED, "deleted");
    assertThat(condition(observed.status(CLOCK), Reasons.RAY_CLUSTER).getStatus())
        .isEqualTo("False");
  }

  @Test
  void anErrorCarriesEveryFieldOfThePreviousStatusForward() {
    observed
        .withRayStrategy(
            new RayClusterState(
                RayClusterState.Phase.WAITING, "s-ray", Reasons.WAITING_FOR_RAY_CLUSTER, "w"))
        .job("a", "Complete");
    BenchmarkSweepStatus before = observed.status(CLOCK);
    observed.sweep.setStatus(before);

    BenchmarkSweepStatus status =
        new SweepStatusBuilder(observed.sweep, CLOCK)
            .addError(new ErrorClassifier.Problem(Reasons.FORBIDDEN, "no RBAC", true))
            .build();

    before.setConditions(status.getConditions());
    assertThat(status).as("all but the conditions as before").isEqualTo(before);
    assertThat(status.getRayCluster()).isNotNull();
    assertThat(status.getStartTime()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(condition(status, Reasons.DEGRADED).getReason()).isEqualTo(Reasons.FORBIDDEN);
  }

  @Test
  void completeTurnsTrueForEveryFinishedSweepSucceededOrNot() {
    assertThat(condition(observed.job("a", null).status(CLOCK), Reasons.COMPLETE).getStatus())
        .isEqualTo("False");

    observed.job("a", "Complete").job("b", "Complete");
    Condition succeeded = condition(observed.status(CLOCK), Reasons.COMPLETE);
    assertThat(succeeded.getStatus()).isEqualTo("True");
    assertThat(succeeded.getReason()).isEqualTo(Reasons.ALL_STRATEGIES_SUCCEEDED);

    observed.job("b", "Failed");
    Condition partly = condition(observed.status(CLOCK), Reasons.COMPLETE);
    assertThat(partly.getStatus()).isEqualTo("True");
    assertThat(partly.getReason()).isEqualTo(Reasons.SOME_STRATEGIES_FAILED);

    observed.job("a", "Failed");
    BenchmarkSweepStatus failed = observed.status(CLOCK);
    assertThat(failed.getPhase()).isEqualTo(SweepPhase.Failed);
    assertThat(condition(failed, Reasons.READY).getStatus()).isEqualTo("False");
    assertThat(condition(failed, Reasons.COMPLETE).getStatus()).isEqualTo("True");
    assertThat(condition(failed, Reasons.COMPLETE).getReason())
        .isEqualTo(Reasons.ALL_STRATEGIES_FAILED);
  }

  @Test
  void anInvalidSpecIsCompleteSoAWaitingScriptReturns() {
    observed.started = false;
    observed.problems.add("spec.workers: 0 is out of range.");

    Condition complete = condition(observed.status(CLOCK), Reasons.COMPLETE);

    assertThat(complete.getStatus()).isEqualTo("True");
    assertThat(complete.getReason()).isEqualTo(Reasons.INVALID_SPEC);
  }

  @Test
  void theSweepStartsWithItsFirstJobAndEndsWithItsLastStrategy() {
    observed.job("a", null);
    BenchmarkSweepStatus running = observed.status(CLOCK);
    assertThat(running.getStartTime()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(running.getCompletionTime()).isNull();
    assertThat(running.getDuration()).isNull();

    observed.job("a", "Complete").job("b", "Complete");
    BenchmarkSweepStatus done = observed.status(CLOCK);
    assertThat(done.getCompletionTime()).isEqualTo("2025-01-01T00:01:00Z");
    assertThat(done.getDuration()).isEqualTo("60s");
  }

  @Test
  void aSweepWhoseRayStrategiesNeverRanEndsWhenCompleteTurnedTrue() {
    observed.withRayStrategy(
        new RayClusterState(
            RayClusterState.Phase.UNAVAILABLE, "s-ray", Reasons.KUBERAY_NOT_INSTALLED, "x"));
    observed.sweep.getSpec().getStrategies().remove(0);

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getPhase()).isEqualTo(SweepPhase.Failed);
    assertThat(status.getStartTime()).isNull();
    assertThat(status.getCompletionTime()).isEqualTo("2025-06-01T10:00:00Z");
    assertThat(status.getRayCluster().getPhase()).isEqualTo(RayClusterPhase.Unavailable);
    assertThat(status.getRayCluster().getReason()).isEqualTo(Reasons.KUBERAY_NOT_INSTALLED);
  }

  @Test
  void humanDurationsReadLikeKubectls() {
    assertThat(SweepStatusBuilder.human(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(SweepStatusBuilder.human(Duration.ofSeconds(252))).isEqualTo("4m12s");
    assertThat(SweepStatusBuilder.human(Duration.ofMinutes(37))).isEqualTo("37m");
    assertThat(SweepStatusBuilder.human(Duration.ofMinutes(303))).isEqualTo("5h3m");
  }

  private static DriftReport report(double... medians) {
    List<DriftReport.Point> points = new ArrayList<>();
    for (int i = 0; i < medians.length; i++) {
      points.add(new DriftReport.Point(10 * i, Instant.EPOCH, medians[i]));
    }
    return DriftReport.of(100, 0, 10, 0.05, points);
  }

  @Test
  void aSteadyCanaryGivesFiguresAndAFalseDriftingCondition() {
    observed.job("a", null).drift.put("a", report(0.010, 0.0102));

    BenchmarkSweepStatus status = observed.status(CLOCK);

    assertThat(status.getStrategies().get(0).getCanaryDriftPercent()).isEqualTo(2.0);
    assertThat(status.getStrategies().get(1).getCanaryDriftPercent())
        .as("no report, no figure")
        .isNull();
    Condition c = condition(status, Reasons.DRIFTING);
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getReason()).isEqualTo(Reasons.CANARY_STEADY);
  }

  @Test
  void aDriftingCanaryNamesTheStrategyAndKeepsItsTransitionTime() {
    observed.job("a", "Complete").job("b", null);
    observed.drift.put("a", report(0.010, 0.0102));
    observed.drift.put("b", report(0.010, 0.013));
    BenchmarkSweepStatus first = observed.status(CLOCK);
    Condition c = condition(first, Reasons.DRIFTING);
    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getReason()).isEqualTo(Reasons.CANARY_DRIFTED);
    assertThat(c.getMessage()).contains("b moved 30.0% (threshold 5%)").doesNotContain("a moved");

    observed.sweep.setStatus(first);
    BenchmarkSweepStatus again =
        observed.status(Clock.fixed(Instant.parse("2025-06-01T10:05:00Z"), ZoneOffset.UTC));
    assertThat(condition(again, Reasons.DRIFTING).getLastTransitionTime())
        .isEqualTo("2025-06-01T10:00:00Z");
    assertThat(again).as("recomputing an unchanged status writes nothing").isEqualTo(first);
  }

  @Test
  void withoutReportsThereIsNoDriftingCondition() {
    assertThat(observed.job("a", null).status(CLOCK).getConditions())
        .noneMatch(c -> Reasons.DRIFTING.equals(c.getType()));
  }

  /** A pod the scheduler left Pending: PodScheduled False, Unschedulable, 1 Insufficient cpu. */
  private static Pod unschedulablePod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .withPhase("Pending")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("False")
        .withReason("Unschedulable")
        .withMessage("0/1 nodes are available: 1 Insufficient cpu.")
        .endCondition()
        .endStatus()
        .build();
  }
}
