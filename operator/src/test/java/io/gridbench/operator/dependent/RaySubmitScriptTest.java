package io.gridbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
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
    ProcessBuilder pb =
        new ProcessBuilder("/bin/sh", "-c", RaySubmitJob.script()).redirectErrorStream(true);
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
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the script ends").isTrue();
    return new Run(p.exitValue(), out);
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
    // The status check fails (as on a dashboard hiccup) but the job exists: submit is refused.
    Path fakeRay = dir.resolve("bin").resolve("ray");
    String real = Files.readString(fakeRay);
    Files.writeString(
        fakeRay,
        real.replace("  status)\n", "  status)\n    [ -e \"$state/hide-status\" ] && exit 1\n"));
    Files.createFile(state.resolve("hide-status"));
    Thread hider =
        new Thread(
            () -> {
              try {
                Thread.sleep(1500);
                Files.deleteIfExists(state.resolve("hide-status"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    hider.start();

    Run again = run("raced");
    hider.join();

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
}
