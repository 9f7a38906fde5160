#!/usr/bin/env bash
# Builds the base image of gridbench's Ray nodes without Docker: a Debian 12 minbase root filesystem
# (debootstrap, from the mirror apt already uses) with a JRE 17, Python 3.11 and a venv holding
# ray[default]==2.58.0 (the dashboard's Jobs API is what `ray job submit` talks to), packed as a
# docker-archive by ../shared/k8s/node/mkimage.py. The Maven profile `images` lays the runner's
# jars on top of it with Jib (runner-image/pom.xml, execution ray-image), like the other images.
#
# Idempotent: prints the tarball's path as its last line; instant once built. First run: about
# 3-4 minutes (debootstrap 1.5-2.5 min, pip ~30 s, packing ~30 s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
shared="${GRIDBENCH_SHARED:-../shared}"
ray_version=2.58.0
dir="${GRIDBENCH_IMAGES_DIR:-$HOME/.cache/gridbench/images}"
out="$dir/ray-base-$ray_version.tar"
ref="registry.local/gridbench-ray-base:$ray_version"
if [ -f "$out" ]; then
  echo "$out"
  exit 0
fi
log() { echo "[ray-base-image] $*" >&2; }
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || { log "no Debian mirror in the apt sources"; exit 1; }
command -v debootstrap >/dev/null || { log "debootstrap missing: apt-get install debootstrap"; exit 1; }

mkdir -p "$dir"
rootfs="$dir/ray-base-rootfs"
start=$(date +%s)
if [ ! -x "$rootfs/usr/bin/python3" ] || [ ! -x "$rootfs/usr/lib/jvm/java-17-openjdk-amd64/bin/java" ]; then
  rm -rf "$rootfs"
  # bash: KubeRay starts Ray with /bin/bash -lc; wget: KubeRay's health probes; procps: ray stop.
  debootstrap --variant=minbase \
    --include=openjdk-17-jre-headless,python3,python3-venv,ca-certificates,wget,curl,procps \
    bookworm "$rootfs" "$mirror" >"$dir/ray-base-debootstrap.log" 2>&1
  log "debootstrap: $(($(date +%s) - start)) s"
fi

venv=/opt/ray
if [ "$(chroot "$rootfs" $venv/bin/python3 -c 'import ray; print(ray.__version__)' 2>/dev/null)" != "$ray_version" ]; then
  s=$(date +%s)
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  chroot "$rootfs" python3 -m venv $venv
  # The host's certificate authorities (a proxy's included) hold for pip inside the chroot; they
  # are removed again, the image keeps Debian's own.
  host_ca=${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}
  cp "$host_ca" "$rootfs/tmp/host-ca.crt"
  chroot "$rootfs" env -i HOME=/root PATH=/usr/bin:/bin PIP_NO_CACHE_DIR=1 PIP_CERT=/tmp/host-ca.crt \
    $venv/bin/pip install -q "ray[default]==$ray_version"
  rm -f "$rootfs/tmp/host-ca.crt"
  # KubeRay runs `ray start` in a login shell (bash -l), whose /etc/profile resets PATH.
  ln -sf $venv/bin/ray "$rootfs/usr/local/bin/ray"
  : >"$rootfs/etc/resolv.conf"
  log "pip install ray[default]==$ray_version: $(($(date +%s) - s)) s"
fi
# What the image never needs at run time.
rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*.log "$rootfs"/root/.cache
log "rootfs $(du -sh "$rootfs" | cut -f1)"

s=$(date +%s)
python3 "$shared/k8s/node/mkimage.py" "$rootfs" "$ref" "$out.part" \
  --env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 \
  --env "PATH=$venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --cmd '["ray","--version"]' >/dev/null
mv "$out.part" "$out"
log "packed in $(($(date +%s) - s)) s: $(du -h "$out" | cut -f1)"
echo "$out"
