#!/usr/bin/env bash
# Builds the service's container image with its AOT cache, without a Docker engine (README, "The image"):
#   1. the base, a Temurin 25 JRE on a few Debian libraries (base-image.sh);
#   2. the image, by Jib: ./mvnw package -Dquarkus.container-image.build=true (target/image/cin-reminders-jib.tar);
#   3. a training run of that image's own JVM, from its unpacked root filesystem (chroot as user 185, so every path,
#      jar size and time is the image's), on the embedded default: start, readiness, a few requests, stop; the JVM
#      writes the AOT cache (-XX:AOTCacheOutput, JEP 514/515) as it exits;
#   4. the cache added as the image's last layer, at /deployments/app.aot, where the entrypoint's -XX:AOTCache looks.
# Out: target/image/cin-reminders.tar, an OCI archive. Needs root (chroot, mounts), skopeo, umoci, curl.
#   src/main/image/build.sh [extra ./mvnw arguments]
set -euo pipefail
cd "$(dirname "$0")/../../.."
dir=target/image
for tool in skopeo umoci curl unshare chroot; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (Debian: apt-get install skopeo umoci curl)"; exit 1; }
done

src/main/image/base-image.sh "$dir/base.tar"
./mvnw -B -ntp -q package -DskipTests -Dquarkus.container-image.build=true "$@"
version="$(skopeo inspect --config "docker-archive:$dir/cin-reminders-jib.tar" | sed -n 's/.*"org.opencontainers.image.version": "\(.*\)".*/\1/p')"

rm -rf "$dir/oci" "$dir/train"
skopeo copy -q "docker-archive:$dir/cin-reminders-jib.tar" "oci:$dir/oci:jib"
umoci unpack --image "$dir/oci:jib" "$dir/train" >/dev/null
root="$(pwd)/$dir/train/rootfs"

# The image's environment and entrypoint, with the cache written instead of read.
config="$(skopeo inspect --config "oci:$dir/oci:jib")"
mapfile -t environment < <(python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)["config"]["Env"]))' <<<"$config")
mapfile -t entrypoint < <(python3 -c '
import json, sys
for a in json.load(sys.stdin)["config"]["Entrypoint"]:
    print("-XX:AOTCacheOutput=/tmp/app.aot" if a.startswith("-XX:AOTCache=") else a)' <<<"$config")
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

echo "== training the AOT cache: ${entrypoint[*]} (port $port)"
start=$(date +%s)
# A mount namespace of its own, so /proc and /dev leave with it; each exec keeps the pid, the JVM's in the end.
unshare -m sh -c 'r="$1"; shift; mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && exec "$@"' \
  sh "$root" env -i "${environment[@]}" QUARKUS_HTTP_PORT="$port" \
  "$(command -v chroot)" --userspec=185:185 "$root" /bin/sh -c 'cd /deployments && exec "$@"' sh "${entrypoint[@]}" \
  > "$dir/train.log" 2>&1 &
jvm=$!
trap 'kill "$jvm" 2>/dev/null || true' EXIT
ready=""
for _ in $(seq 1 360); do
  kill -0 "$jvm" 2>/dev/null || break
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/q/health/ready")" = 200 ]; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || { tail -50 "$dir/train.log"; echo "build.sh: the training run never became ready"; exit 1; }
# What a pod does in its first minutes: probes, a scrape, the API and pages (refused without a token), the OpenAPI.
for _ in 1 2 3; do
  for path in /q/health/started /q/health/live /q/health/ready /q/metrics /q/openapi /api/obligations \
      /dashboard /api/cases/DEMO-DY-1/obligations; do
    curl -s -o /dev/null "localhost:$port$path" || true
  done
done
kill -TERM "$jvm"
wait "$jvm" || true
trap - EXIT
cache="$root/tmp/app.aot"
[ -s "$cache" ] || { tail -50 "$dir/train.log"; echo "build.sh: no AOT cache was written"; exit 1; }
echo "== trained in $(( $(date +%s) - start )) s: $(du -h "$cache" | cut -f1)"

# The cache as a layer of its own: read-only for the service, the image's fixed time.
chown 0:0 "$cache"; chmod 0444 "$cache"; touch -d @1 "$cache"
umoci insert --image "$dir/oci:jib" --tag aot \
  --history.created_by "src/main/image/build.sh: AOT cache (training run of this image)" "$cache" /deployments/app.aot
umoci config --image "$dir/oci:aot" --tag final --no-history \
  --config.label "cin.aot.cache=/deployments/app.aot, trained by src/main/image/build.sh on this image's JVM" >/dev/null
rm -f "$dir/cin-reminders.tar"
skopeo copy -q "oci:$dir/oci:final" "oci-archive:$dir/cin-reminders.tar:cin-reminders:$version"
rm -rf "$dir/train" "$dir/oci"
echo "== $dir/cin-reminders.tar (cin-reminders:$version): $(du -h "$dir/cin-reminders.tar" | cut -f1)"
