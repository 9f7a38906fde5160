#!/bin/sh
# Run by a Ray strategy's Job: submits the strategy's Java driver to the RayCluster's head through
# the Ray Jobs API, at most once, then follows it and exits with its outcome.
#
# A retried pod must not start a second driver (two drivers would measure each other), so the
# submission has a stable id: if `ray job status` knows the id, the job is followed, not submitted
# again; if the status check fails for another reason, the Jobs API itself refuses a second
# submission with the same id. (KubeRay's RayJob submitter guards its `ray job submit` the same way.)
#
# Environment:
#   RAY_DASHBOARD              the head's Jobs API, http://<cluster>-head-svc:8265
#   RAY_HEAD_SERVICE_HOST_VARIABLE  the variable holding the head Service's cluster IP, which
#                              replaces the host of RAY_DASHBOARD where it is set (a cluster
#                              without DNS; KubeRay's default head Service is headless instead)
#   SUBMISSION_ID              stable id of this strategy's driver
#   DRIVER                     the command run on the head (split on spaces; no quoting needed)
#   DASHBOARD_TIMEOUT_SECONDS  how long to wait for the dashboard (default 600)
#   POLL_SECONDS               pause between checks (default 5)
#   TERMINATION_LOG            where "Reason: message" goes (default /dev/termination-log)
set -u

: "${RAY_DASHBOARD:?RAY_DASHBOARD is not set}"
: "${SUBMISSION_ID:?SUBMISSION_ID is not set}"
: "${DRIVER:?DRIVER is not set}"
timeout=${DASHBOARD_TIMEOUT_SECONDS:-600}
poll=${POLL_SECONDS:-5}
termination_log=${TERMINATION_LOG:-/dev/termination-log}
driver_log=${TMPDIR:-/tmp}/gridbench-driver.log
if [ -n "${RAY_HEAD_SERVICE_HOST_VARIABLE:-}" ]; then
  head_ip=$(printenv "$RAY_HEAD_SERVICE_HOST_VARIABLE" || true)
  if [ -n "$head_ip" ]; then
    RAY_DASHBOARD="http://$head_ip:${RAY_DASHBOARD##*:}"
  fi
fi

say() { echo "gridbench ray-submit: $*" >&2; }

# The background processes of the current wait, stopped by their PIDs on SIGTERM.
children=""
stop_following() {
  trap - TERM INT
  say "stopped following job $SUBMISSION_ID on SIGTERM; the Ray job goes on (a new pod of this Job follows it)"
  # shellcheck disable=SC2086 # a list of PIDs
  [ -z "$children" ] || kill $children 2>/dev/null
  exit 143
}
trap stop_following TERM INT

# Sleeps $1 seconds in a way SIGTERM interrupts.
pause() {
  sleep "$1" &
  children=$!
  wait "$children"
  children=""
}

# Reports "Reason: message" for the pod status (the operator shows it) and exits non-zero.
fail() {
  say "$1: $2"
  printf '%s: %s' "$1" "$2" >"$termination_log" 2>/dev/null || true
  exit 1
}

# The job's state (PENDING, RUNNING, SUCCEEDED, FAILED, STOPPED), or nothing if the id is unknown.
# Ray 2.58's `ray job status` says "Job 'ID' succeeded", "... failed", "... was stopped" for the
# end states and "Status for job 'ID': STATE" otherwise, in colour.
job_state() {
  status=$(ray job status --address "$RAY_DASHBOARD" "$SUBMISSION_ID" 2>/dev/null |
    sed 's/\x1b\[[0-9;]*m//g')
  case "$status" in
    *"Job '$SUBMISSION_ID' succeeded"*) echo SUCCEEDED ;;
    *"Job '$SUBMISSION_ID' failed"*) echo FAILED ;;
    *"Job '$SUBMISSION_ID' was stopped"*) echo STOPPED ;;
    *) printf '%s\n' "$status" | sed -n "s/^.*Status for job '.*': *\([A-Z]*\).*/\1/p" | tail -n 1 ;;
  esac
}

waited=0
until ray job list --address "$RAY_DASHBOARD" >/dev/null 2>&1; do
  if [ "$waited" -ge "$timeout" ]; then
    fail DashboardUnreachable "no Ray Jobs API at $RAY_DASHBOARD after ${timeout}s"
  fi
  say "waiting for the Ray dashboard at $RAY_DASHBOARD"
  pause "$poll"
  waited=$((waited + poll))
done

if [ -n "$(job_state)" ]; then
  say "job $SUBMISSION_ID was submitted before; following it"
else
  say "submitting job $SUBMISSION_ID: $DRIVER"
  # The driver reserves no Ray CPU (Ray's default, said aloud): the RayCluster is sized for the
  # pool's actors alone, one CPU per worker, and a reserved CPU would leave one actor unplaced.
  # shellcheck disable=SC2086 # DRIVER is a word list by design
  if ! out=$(ray job submit --address "$RAY_DASHBOARD" --submission-id "$SUBMISSION_ID" \
    --entrypoint-num-cpus 0 --no-wait -- $DRIVER 2>&1); then
    case "$out" in
      *"already exists"*) say "job $SUBMISSION_ID exists already; following it" ;;
      *) fail SubmitFailed "ray job submit failed: $(printf '%s' "$out" | tail -n 1)" ;;
    esac
  fi
fi

# Follow the driver's output; the stream can end early (a dashboard restart), so poll to the end.
# Through a FIFO rather than a pipe, so both ends have a PID to stop.
log_fifo=${TMPDIR:-/tmp}/gridbench-driver.fifo
rm -f "$log_fifo"
mkfifo "$log_fifo"
tee "$driver_log" <"$log_fifo" &
children=$!
ray job logs --address "$RAY_DASHBOARD" --follow "$SUBMISSION_ID" >"$log_fifo" &
children="$children $!"
wait $children
children=""
rm -f "$log_fifo"
unreachable=0
forgotten=0
while :; do
  state=$(job_state)
  case "$state" in
    SUCCEEDED) say "job $SUBMISSION_ID succeeded"; exit 0 ;;
    FAILED | STOPPED) break ;;
    "")
      if ray job list --address "$RAY_DASHBOARD" >/dev/null 2>&1; then
        # The Jobs API answers but no longer knows the id: the head restarted, and the driver,
        # which ran on it, is gone with it. The Job's retry submits it again (same id, so still
        # at most one driver); the new driver resumes from the cells already recorded.
        forgotten=$((forgotten + 1))
        if [ "$forgotten" -ge 3 ]; then
          fail RayJobLost "the Ray head at $RAY_DASHBOARD restarted and lost job $SUBMISSION_ID; the retry submits it again"
        fi
      else
        if [ "$unreachable" -ge "$timeout" ]; then
          fail RayJobLost "no Ray Jobs API at $RAY_DASHBOARD for ${timeout}s while following job $SUBMISSION_ID"
        fi
        unreachable=$((unreachable + poll))
      fi
      ;;
  esac
  pause "$poll"
done

# The driver's own "gridbench worker: Reason: message" line says best why it failed.
last=$(sed -n 's/^.*gridbench worker: \([A-Za-z]*: .*\)$/\1/p' "$driver_log" 2>/dev/null | tail -n 1)
if [ -n "$last" ]; then
  fail "${last%%: *}" "${last#*: } (Ray job $SUBMISSION_ID $state)"
fi
fail RayJobFailed "Ray job $SUBMISSION_ID ended $state; see its log with ray job logs $SUBMISSION_ID"
