#!/usr/bin/env bash
# The container image's size and start (BENCHMARKS.md, "Issue 15: the image"): target/image/cin-reminders.tar
# (src/main/image/build.sh) unpacked once (skopeo, umoci), then its entrypoint started ROUNDS times with the AOT cache
# and as many without it (the -XX:AOTCache option left out), alternately, each from launch until /q/health/ready
# answers 200 (polled every 100 ms), on the embedded default (PostgreSQL and Kafka started in the JVM), as user 185
# in the image's root filesystem (chroot, as ContainerImageTest does; root needed). Prints one line per start.
#   bench/image-start.sh [ROUNDS]        (default 5)
# IMAGE_START_ENV="VAR=value ..." adds settings to the image's environment: with bench/image-start-pod.sh's settings
# the service connects to the bench's PostgreSQL and Kafka (bench/infra.sh) as a pod connects to its own, instead of
# starting the embedded ones; one untimed start first migrates that database, as a rollout finds it migrated.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
image="${IMAGE:-target/image/cin-reminders.tar}" # IMAGE=... another build's
work="$(mktemp -d -p target image-start-XXXX)"
trap 'rm -rf "$work"' EXIT
skopeo copy -q "oci-archive:$image" "oci:$work/oci:x"
umoci unpack --image "$work/oci:x" "$work/b" >/dev/null
root="$(pwd)/$work/b/rootfs"
echo "tarball (compressed layers): $(stat -c %s "$image") bytes; unpacked root filesystem: $(du -sb "$root" | cut -f1) bytes"
echo "  of which JRE $(du -sb "$root/opt/java" | cut -f1), AOT cache $(stat -c %s "$root/deployments/app.aot"), application $(( $(du -sb "$root/deployments" | cut -f1) - $(stat -c %s "$root/deployments/app.aot") ))"

config="$(skopeo inspect --config "oci:$work/oci:x")"
mapfile -t environment < <(python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)["config"]["Env"]))' <<<"$config")

start_once() { # with|without
  mapfile -t ep < <(MODE="$1" python3 -c '
import json, os, sys
for a in json.load(sys.stdin)["config"]["Entrypoint"]:
    if not (a.startswith("-XX:AOTCache=") and os.environ["MODE"] == "without"): print(a)' <<<"$config")
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  rm -rf "$root"/tmp/* 2>/dev/null || true
  local s e
  s=$(date +%s%N)
  unshare -m sh -c 'r="$1"; shift; mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && exec "$@"' \
    sh "$root" env -i "${environment[@]}" ${IMAGE_START_ENV:-} QUARKUS_HTTP_PORT="$port" \
    "$(command -v chroot)" --userspec=185:185 "$root" /bin/sh -c 'cd /deployments && exec "$@"' sh "${ep[@]}" \
    > "$work/$1.log" 2>&1 &
  local jvm=$!
  for _ in $(seq 1 1800); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/q/health/ready")" = 200 ] && break
    kill -0 "$jvm" 2>/dev/null || { tail -20 "$work/$1.log"; exit 1; }
    sleep 0.1
  done
  e=$(date +%s%N)
  echo "$1 AOT cache: ready $(( (e - s) / 1000000 )) ms after launch; Quarkus: $(grep -o 'started in [0-9.]*s' "$work/$1.log"); load $(cut -d' ' -f1 /proc/loadavg)"
  kill -TERM "$jvm"; wait "$jvm" || true
}
if [[ -n "${IMAGE_START_ENV:-}" ]]; then
  echo "untimed, to migrate the database:"; start_once with
fi
for _ in $(seq 1 "$rounds"); do
  start_once without
  start_once with
done
