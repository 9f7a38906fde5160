package io.gridbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Job's {@code ray-submit.sh} with {@code /bin/sh} against a fake {@code ray} on PATH that
 * keeps submitted jobs in files: a retried run must follow the first submission, never submit
 * again, and the exit status and termination message must follow the Ray job's outcome.
 */
class RaySubmitScriptTest {

  @TempDir Path dir;
  Path state;
  Path termination;

  @BeforeEach
  void fakeRay() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    try (InputStream in = getClass().getResourceAsStream("fake-ray")) {
      Files.write(bin.resolve("ray"), in.readAllBytes());
    }
    Files.setPosixFilePermissions(bin.resolve("ray"), PosixFilePermissions.fromString("rwxr-xr-x"));
    state = Files.createDirectories(dir.resolve("state"));
    termination = dir.resolve("termination-log");
  }

  private record Run(int exit, String output) {}

  private Run run(String id) throws IOException, InterruptedException {
    return run(id, Map.of());
  }

  private Run run(String id, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    Path out = dir.resolve("out-" + id + "-" + System.nanoTime());
    Process p = start(id, extraEnv, out);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the script ends").isTrue();
    return new Run(p.exitValue(), Files.readString(out));
  }

  /** Starts the script with its output (stdout and stderr) going to {@code out}. */
  private Process start(String id, Map<String, String> extraEnv, Path out) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder("/bin/sh", "-c", RaySubmitJob.script())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    Map<String, String> env = pb.environment();
    env.put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    env.put("FAKE_RAY_STATE", state.toString());
    env.put("RAY_DASHBOARD", "http://s-ray-head-svc:8265");
    env.put("SUBMISSION_ID", id);
    env.put("DRIVER", RaySubmitJob.driver("ray-tasks"));
    env.put("TERMINATION_LOG", termination.toString());
    env.put("TMPDIR", dir.toString());
    env.put("POLL_SECONDS", "1");
    env.put("DASHBOARD_TIMEOUT_SECONDS", "2");
    env.putAll(extraEnv);
    return pb.start();
  }

  /**
   * Sends SIGTERM to the running script as the kubelet does to a deleted pod's PID 1, once {@code
   * ready} holds, and returns how it ended; the processes it had started must all be gone.
   */
  private Run terminate(Process script, Path out, Callable<Boolean> ready) throws Exception {
    List<ProcessHandle> children = new ArrayList<>();
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(ready);
      children.addAll(script.descendants().toList());
      script.destroy(); // SIGTERM
      assertThat(script.waitFor(10, TimeUnit.SECONDS))
          .as("the script ends at once on SIGTERM: %s", Files.readString(out))
          .isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(children)
                      .as("processes the script started, after it ended")
                      .noneMatch(ProcessHandle::isAlive));
      return new Run(script.exitValue(), Files.readString(out));
    } finally {
      // Also the ones a failing script left orphaned (no longer its descendants).
      script.descendants().forEach(ProcessHandle::destroyForcibly);
      children.forEach(ProcessHandle::destroyForcibly);
      script.destroyForcibly();
    }
  }

  private List<String> lines(String file) throws IOException {
    Path f = state.resolve(file);
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

  private List<String> submissions() throws IOException {
    Path f = state.resolve("submissions");
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

  @Test
  void submitsTheDriverOnceAndSucceedsWithIt() throws Exception {
    Files.writeString(state.resolve("logs"), "gridbench worker: strategy ray-tasks measured 4\n");

    Run run = run("gridbench-s-ray-tasks-1234");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(submissions())
        .containsExactly(
            "gridbench-s-ray-tasks-1234 gridbench worker --plan /etc/gridbench/plan.json"
                + " --strategy ray-tasks --ray-address 127.0.0.1:6379 --termination-log"
                + " /dev/null");
    assertThat(run.output()).contains("strategy ray-tasks measured 4");
    // The driver reserves no Ray CPU: the cluster's CPUs are the pool's.
    assertThat(Files.readAllLines(state.resolve("entrypoint-cpus"))).containsExactly("0");
  }

  @Test
  void aSecondRunWithTheSameIdFollowsTheFirstSubmissionInsteadOfSubmittingAgain() throws Exception {
    assertThat(run("same").exit()).isZero();

    Run again = run("same");

    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output()).contains("job same was submitted before; following it");
    assertThat(submissions()).hasSize(1);
  }

  @Test
  void theHeadServicesClusterIpReplacesTheDnsNameWhereKubernetesSetsIt() throws Exception {
    Run run =
        run(
            "by-ip",
            Map.of(
                "RAY_HEAD_SERVICE_HOST_VARIABLE", "S_RAY_HEAD_SVC_SERVICE_HOST",
                "S_RAY_HEAD_SVC_SERVICE_HOST", "10.0.0.42"));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(Files.readAllLines(state.resolve("addresses")))
        .isNotEmpty()
        .allMatch("http://10.0.0.42:8265"::equals);
  }

  @Test
  void withoutTheVariableTheDashboardIsReachedByItsDnsName() throws Exception {
    Run run =
        run("by-name", Map.of("RAY_HEAD_SERVICE_HOST_VARIABLE", "S_RAY_HEAD_SVC_SERVICE_HOST"));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(Files.readAllLines(state.resolve("addresses")))
        .isNotEmpty()
        .allMatch("http://s-ray-head-svc:8265"::equals);
  }

  @Test
  void aJobTheRestartedHeadNoLongerKnowsFailsRayJobLostForTheRetryToSubmitItAgain()
      throws Exception {
    Files.createFile(state.resolve("forget"));

    Run lost = run("forgotten");

    assertThat(lost.exit()).as(lost.output()).isEqualTo(1);
    assertThat(Files.readString(termination))
        .startsWith("RayJobLost: ")
        .contains("restarted and lost job forgotten");
    Files.delete(state.resolve("forget"));

    Run retry = run("forgotten");

    assertThat(retry.exit()).as(retry.output()).isZero();
    assertThat(retry.output()).contains("submitting job forgotten");
    assertThat(submissions()).hasSize(2);
  }

  @Test
  void aDifferentIdIsANewSubmission() throws Exception {
    run("one");
    run("two");

    assertThat(submissions()).extracting(l -> l.split(" ")[0]).containsExactly("one", "two");
  }

  @Test
  void whenTheStatusCheckMissesAnExistingJobTheRefusedSubmitIsFollowedNotFailed() throws Exception {
    run("raced");
    // The first status check fails (as on a dashboard hiccup) but the job exists: submit is
    // refused. The fake hides the job from that one check only.
    Path fakeRay = dir.resolve("bin").resolve("ray");
    String real = Files.readString(fakeRay);
    Files.writeString(
        fakeRay,
        real.replace(
            "  status)\n",
            "  status)\n    [ -e \"$state/hide-status\" ] && { rm -f \"$state/hide-status\"; exit 1; }\n"));
    Files.createFile(state.resolve("hide-status"));

    Run again = run("raced");

    assertThat(again.output()).contains("job raced exists already; following it");
    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(submissions()).hasSize(1);
  }

  @Test
  void aFailedRayJobFailsTheJobWithTheDriversOwnReason() throws Exception {
    Files.writeString(state.resolve("final"), "FAILED\n");
    Files.writeString(
        state.resolve("logs"),
        "gridbench worker: cell c0.p0 recorded (1/4)\n"
            + "gridbench worker: MeasurementFailed: checksum mismatch in cell c0.p1\n");

    Run run = run("bad");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(Files.readString(termination))
        .isEqualTo("MeasurementFailed: checksum mismatch in cell c0.p1 (Ray job bad FAILED)");
  }

  @Test
  void aStoppedRayJobWithoutADriverReasonSaysRayJobFailed() throws Exception {
    Files.writeString(state.resolve("final"), "STOPPED\n");

    Run run = run("stopped");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(Files.readString(termination))
        .startsWith("RayJobFailed: Ray job stopped ended STOPPED");
  }

  @Test
  void anUnreachableDashboardFailsAfterTheTimeoutWithoutSubmitting() throws Exception {
    Files.createFile(state.resolve("down"));

    Run run = run("nodash");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(Files.readString(termination))
        .isEqualTo("DashboardUnreachable: no Ray Jobs API at http://s-ray-head-svc:8265 after 2s");
    assertThat(submissions()).isEmpty();
  }

  @Test
  void aRefusedSubmissionFailsWithRayjobSubmitsOwnLine() throws Exception {
    Path fakeRay = dir.resolve("bin").resolve("ray");
    Files.writeString(
        fakeRay,
        Files.readString(fakeRay)
            .replace(
                "  submit)\n",
                "  submit)\n    echo 'ValueError: runtime_env is invalid' >&2; exit 1\n"));

    Run run = run("refused");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(Files.readString(termination))
        .isEqualTo("SubmitFailed: ray job submit failed: ValueError: runtime_env is invalid");
  }

  @Test
  void sigtermWhileFollowingEndsTheScriptAtOnceAndLeavesTheRayJobForTheNextPodToFollow()
      throws Exception {
    // The driver is still running: the follow blocks and the job stays RUNNING.
    Files.writeString(state.resolve("final"), "RUNNING\n");
    Files.createFile(state.resolve("follow-blocks"));
    Path out = dir.resolve("deleted-pod.out");

    Run deleted =
        terminate(
            start("deleted", Map.of(), out), out, () -> Files.exists(state.resolve("follow.pid")));

    assertThat(deleted.exit()).as(deleted.output()).isEqualTo(143);
    assertThat(deleted.output())
        .contains("stopped following job deleted on SIGTERM; the Ray job goes on");
    assertThat(lines("stops")).as("ray job stop calls").isEmpty();
    assertThat(submissions()).hasSize(1);

    // The Job's next pod: the driver has finished meanwhile; it follows, never submits again.
    Files.delete(state.resolve("follow-blocks"));
    Files.writeString(state.resolve("jobs").resolve("deleted"), "SUCCEEDED\n");
    Run next = run("deleted");

    assertThat(next.exit()).as(next.output()).isZero();
    assertThat(next.output()).contains("job deleted was submitted before; following it");
    assertThat(submissions()).hasSize(1);
  }

  @Test
  void sigtermBetweenStatusPollsEndsTheScriptWithoutWaitingOutThePause() throws Exception {
    // The log stream ended early but the job still runs: the script polls with long pauses.
    Files.writeString(state.resolve("final"), "RUNNING\n");
    Path out = dir.resolve("polling.out");

    Run deleted =
        terminate(
            start("polling", Map.of("POLL_SECONDS", "300"), out),
            out,
            () -> {
              List<String> calls = lines("calls");
              int follow = calls.indexOf("logs");
              return follow >= 0 && calls.subList(follow + 1, calls.size()).contains("status");
            });

    assertThat(deleted.exit()).as(deleted.output()).isEqualTo(143);
    assertThat(deleted.output()).contains("stopped following job polling on SIGTERM");
    assertThat(lines("stops")).isEmpty();
  }

  @Test
  void sigtermWhileWaitingForTheDashboardEndsTheScriptWithoutSubmitting() throws Exception {
    Files.createFile(state.resolve("down"));
    Path out = dir.resolve("no-dashboard.out");

    Run deleted =
        terminate(
            start(
                "waiting", Map.of("POLL_SECONDS", "300", "DASHBOARD_TIMEOUT_SECONDS", "600"), out),
            out,
            () -> lines("calls").contains("list"));

    assertThat(deleted.exit()).as(deleted.output()).isEqualTo(143);
    assertThat(submissions()).isEmpty();
  }
}
