#!/usr/bin/env bash
# gridbench's ProcessPool against Python's multiprocessing.Pool, measured in one run on this
# machine: the machine's load, the pipe floor (gridbench calibrate), the Java rows, the Python rows.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
echo "== $(date -u +%FT%TZ) $(uname -n), $(nproc) cpus; load:$(uptime | sed 's/.*load average://')"
"$root/gridbench" calibrate
"$root/gridbench" run "$here/pool-vs-python.yaml" --no-calibrate --ray off 2>/dev/null
python3 "$here/python/pool_reference.py" --warmup 2 --repetitions 20 "$@"
echo "== load at the end:$(uptime | sed 's/.*load average://')"
