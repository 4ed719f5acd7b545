#!/usr/bin/env bash
# The image's start as a pod's: bench/image-start.sh with the service connecting to the bench's PostgreSQL and Kafka
# (bench/infra.sh, started if need be) instead of starting the embedded ones, on a fresh database (image_start) that
# the first, untimed start migrates, with the bench's SMTP sink as its mail relay and its Notify stub as Notify.
#   bench/image-start-pod.sh [ROUNDS]    (default 5; bench/infra.sh stop afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench/infra.sh start pg kafka smtp notify >&2
fresh_db image_start
export IMAGE_START_ENV="$(service_env image_start target/quarkus-app)"
exec bench/image-start.sh "${1:-5}"
