#!/usr/bin/env bash
# Installs the real kube-apiserver + etcd the operator's *IT tests run against, through the shared
# installer (idempotent: instant once installed, 5-8 minutes on a fresh machine). The shared
# installer applies the reflect2 1.0.2 change itself, so the binary survives custom resources.
# Prints the install directory as its last line.
set -euo pipefail
shared="${GRIDBENCH_SHARED:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared}"
bash "$shared/k8s/install-test-apiserver.sh"
