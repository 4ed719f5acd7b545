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
export IMAGE_START_ENV="REMINDERS_EMBEDDED_ENABLED=false REMINDERS_AUTH_ENABLED=false
 QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$BENCH_PG_PORT/image_start
 QUARKUS_DATASOURCE_JDBC_URL=$(jdbc image_start) $(db_role_env target/quarkus-app)
 KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=$BENCH_SMTP_PORT
 NOTIFY_BASE_URL=$NOTIFY_URL"
exec bench/image-start.sh "${1:-5}"
