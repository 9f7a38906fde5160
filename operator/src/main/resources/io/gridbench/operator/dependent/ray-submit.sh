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

say() { echo "gridbench ray-submit: $*" >&2; }

# Reports "Reason: message" for the pod status (the operator shows it) and exits non-zero.
fail() {
  say "$1: $2"
  printf '%s: %s' "$1" "$2" >"$termination_log" 2>/dev/null || true
  exit 1
}

# The job's state (PENDING, RUNNING, SUCCEEDED, FAILED, STOPPED), or nothing if the id is unknown.
job_state() {
  ray job status --address "$RAY_DASHBOARD" "$SUBMISSION_ID" 2>/dev/null |
    sed -n "s/^Status for job '.*': *\([A-Z]*\).*/\1/p" | tail -n 1
}

waited=0
until ray job list --address "$RAY_DASHBOARD" >/dev/null 2>&1; do
  if [ "$waited" -ge "$timeout" ]; then
    fail DashboardUnreachable "no Ray Jobs API at $RAY_DASHBOARD after ${timeout}s"
  fi
  say "waiting for the Ray dashboard at $RAY_DASHBOARD"
  sleep "$poll"
  waited=$((waited + poll))
done

if [ -n "$(job_state)" ]; then
  say "job $SUBMISSION_ID was submitted before; following it"
else
  say "submitting job $SUBMISSION_ID: $DRIVER"
  # shellcheck disable=SC2086 # DRIVER is a word list by design
  if ! out=$(ray job submit --address "$RAY_DASHBOARD" --submission-id "$SUBMISSION_ID" \
    --no-wait -- $DRIVER 2>&1); then
    case "$out" in
      *"already exists"*) say "job $SUBMISSION_ID exists already; following it" ;;
      *) fail SubmitFailed "ray job submit failed: $(printf '%s' "$out" | tail -n 1)" ;;
    esac
  fi
fi

# Follow the driver's output; the stream can end early (a dashboard restart), so poll to the end.
ray job logs --address "$RAY_DASHBOARD" --follow "$SUBMISSION_ID" | tee "$driver_log"
unknown=0
while :; do
  state=$(job_state)
  case "$state" in
    SUCCEEDED) say "job $SUBMISSION_ID succeeded"; exit 0 ;;
    FAILED | STOPPED) break ;;
    "")
      if [ "$unknown" -ge "$timeout" ]; then
        fail RayJobLost "the Jobs API at $RAY_DASHBOARD no longer knows job $SUBMISSION_ID"
      fi
      unknown=$((unknown + poll))
      ;;
  esac
  sleep "$poll"
done

# The driver's own "gridbench worker: Reason: message" line says best why it failed.
last=$(sed -n 's/^.*gridbench worker: \([A-Za-z]*: .*\)$/\1/p' "$driver_log" 2>/dev/null | tail -n 1)
if [ -n "$last" ]; then
  fail "${last%%: *}" "${last#*: } (Ray job $SUBMISSION_ID $state)"
fi
fail RayJobFailed "Ray job $SUBMISSION_ID ended $state; see its log with ray job logs $SUBMISSION_ID"
