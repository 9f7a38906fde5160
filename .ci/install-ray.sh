#!/usr/bin/env bash
# Ray 2.58.0 in a venv of its own, for the Ray cluster integration tests (runner-image *IT): they
# start a real head and a second node from this Python's `ray` package and drive them through its
# jars/ray_dist.jar. The venv path is the build's default -Dgridbench.ray.python. Idempotent.
set -euo pipefail
venv="${GRIDBENCH_RAY_VENV:-$HOME/.cache/gridbench/ray-venv}"
version=2.58.0
if [ "$("$venv/bin/python3" -c 'import ray; print(ray.__version__)' 2>/dev/null)" = "$version" ]; then
  exit 0
fi
echo "ci: installing ray==$version into $venv" >&2
python3 -m venv "$venv"
"$venv/bin/pip" install -q "ray==$version"
"$venv/bin/python3" -c 'import os, ray; assert os.path.isfile(os.path.join(os.path.dirname(ray.__file__), "jars", "ray_dist.jar"))'
