#!/usr/bin/env bash
# Installs the Prometheus server binary (Debian's `prometheus` package) into
# ~/.cache/gridbench/prometheus/ for DashboardPrometheusIT, which starts it itself on loopback with
# a temporary config and data directory. Unpacked with dpkg-deb rather than installed, so no
# system service is ever created or started. Idempotent: instant once installed.
set -euo pipefail

dir="${GRIDBENCH_PROMETHEUS_DIR:-$HOME/.cache/gridbench/prometheus}"
if [ -x "$dir/prometheus" ] && "$dir/prometheus" --version >/dev/null 2>&1; then
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download prometheus >/dev/null 2>&1) || {
  apt-get update -qq >/dev/null
  (cd "$work" && apt-get download prometheus >/dev/null)
}
dpkg-deb -x "$work"/prometheus_*.deb "$work/root"
mkdir -p "$dir"
install -m 0755 "$work/root/usr/bin/prometheus" "$dir/prometheus"
echo "prometheus: installed $("$dir/prometheus" --version 2>&1 | head -1) at $dir/prometheus"
