#!/usr/bin/env bash
# Installs the KubeRay operator as a Go program from the Go module proxy, plus its CRDs adapted to
# the Kubernetes 1.20 API server of ../shared/k8s/node/, under ~/.cache/gridbench/kuberay/<version>/:
#   bin/ray-operator   the controller; the Ray end-to-end test runs it beside the node with the
#                      node's kubeconfig (KubeRayOperator.java)
#   crds/*.yaml        RayCluster, RayJob, RayService (the operator watches all three), served
#                      version v1 only; CEL rules (x-kubernetes-validations), map-list markers and
#                      empty-string defaults dropped: 1.20 holds none of them (the same adaptation
#                      as ../shared/k8s/crds/); and conditions' message nullable, or 1.20 refuses
#                      every status update of KubeRay's that carries an empty message
# Idempotent: instant once installed. First run: about 5-8 minutes on 2 cores (the Go build).
#
# Version: v1.6.1 is the newest KubeRay the Go module proxy serves (v1.7.0's module zip answers
# 403 "not available"); it works against Kubernetes 1.20 (docs/ray.md, "KubeRay on the real
# node"). Its go.mod says go 1.25: Debian 12's Go 1.19 cannot build it (nor anything after KubeRay
# v1.0.0), so this uses the newest Go on the machine (/usr/local/go first), and a Go of 1.21 or
# later fetches the toolchain go.mod asks for from the module proxy by itself.
set -euo pipefail

version="${GRIDBENCH_KUBERAY_VERSION:-v1.6.1}"
dir="${GRIDBENCH_KUBERAY_DIR:-$HOME/.cache/gridbench/kuberay/$version}"
module=github.com/ray-project/kuberay/ray-operator
log() { echo "[install-kuberay] $*" >&2; }

if [ -x "$dir/bin/ray-operator" ] && [ -f "$dir/crds/rayclusters.yaml" ] &&
  [ -f "$dir/crds/rayjobs.yaml" ] && [ -f "$dir/crds/rayservices.yaml" ]; then
  echo "$dir"
  exit 0
fi

go=""
for candidate in /usr/local/go/bin/go "$(command -v go 2>/dev/null || true)"; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  minor=$("$candidate" env GOVERSION | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
  if [ -n "$minor" ] && [ "$minor" -ge 21 ]; then
    go=$candidate
    break
  fi
done
[ -n "$go" ] || { log "KubeRay $version needs Go 1.21 or later (go.mod: go 1.25); found none"; exit 1; }

start=$(date +%s)
mkdir -p "$dir/bin" "$dir/crds"
GOBIN="$dir/bin" GOTOOLCHAIN=auto GOFLAGS=-buildvcs=false "$go" install "$module@$version"
log "built ray-operator $version with $("$go" env GOVERSION) in $(($(date +%s) - start)) s"

# The CRDs of exactly this version, from the module the binary was built from.
src="$("$go" env GOMODCACHE)/$module@$version/config/crd/bases"
[ -d "$src" ] || GOFLAGS=-mod=mod "$go" mod download "$module@$version"
# PyYAML: the Ray venv of install-ray.sh has it (Ray depends on it); the system Python may not.
python="${GRIDBENCH_RAY_VENV:-$HOME/.cache/gridbench/ray-venv}/bin/python3"
"$python" -c 'import yaml' 2>/dev/null || python=python3
for kind in rayclusters rayjobs rayservices; do
  "$python" - "$src/ray.io_$kind.yaml" "$dir/crds/$kind.yaml.part" <<'PY'
import sys, yaml

def strip(node):
    if isinstance(node, dict):
        node.pop("x-kubernetes-validations", None)
        if node.get("default") == "":
            node.pop("default")  # 1.20 reads an empty default as null and refuses the schema
        message = node.get("properties", {}).get("message")
        if "lastTransitionTime" in node.get("properties", {}) and isinstance(message, dict):
            # A condition's empty message reaches 1.20's validation as null: KubeRay's status
            # updates fail ("status.conditions.message ... must be of type string") without this.
            message["nullable"] = True
        if node.get("x-kubernetes-list-type") == "map":
            node.pop("x-kubernetes-list-type")
            node.pop("x-kubernetes-list-map-keys", None)
        for value in node.values():
            strip(value)
    elif isinstance(node, list):
        for value in node:
            strip(value)

with open(sys.argv[1]) as f:
    crd = yaml.safe_load(f)
crd["spec"]["versions"] = [v for v in crd["spec"]["versions"] if v["name"] == "v1"]
strip(crd)
with open(sys.argv[2], "w") as f:
    yaml.safe_dump(crd, f, sort_keys=False)
PY
  mv "$dir/crds/$kind.yaml.part" "$dir/crds/$kind.yaml"
done
log "CRDs adapted for Kubernetes 1.20 in $dir/crds"
echo "$dir"
