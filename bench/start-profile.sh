#!/usr/bin/env bash
# Where a start spends its time (BENCHMARKS.md, issue 15: launch → ready against a target of < 1 s).
#
#   bench/start-profile.sh [VARIANT ...]        (default: 25-aot-coh)
#
# For each variant (bench/run.sh's BENCH_VARIANTS names: 17-cds, 25-aot-coh, ...), REPS (3) starts on a copy of the
# firing seed (1M pending; an empty database if bench/run.sh has not seeded one), each with a JFR recording
# (settings=profile) dumped the moment /q/health/ready answers; bench.StartSteps then sums the main thread's CPU
# samples by Quarkus start-up step (bench/out/start-profile-<variant>.md), and a start without JFR gives launch →
# ready. Uses the variant's archive from bench/run.sh's last run of this build (bench/out/app-<variant>.aot|jsa):
# run that first (BENCH_VARIANTS=VARIANT ... bench/run.sh), or the start is profiled without it.
#
# Environment: REPS, BENCH_SKIP_BUILD=1, BENCH_KEEP_INFRA=1, BENCH_XMX (256m). Uses bench/infra.sh's PostgreSQL and
# Kafka. Run it on a quiet machine: it times starts.
set -euo pipefail

source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
cd "$ROOT"

REPS="${REPS:-3}"
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    say "building the harness (./mvnw -q -B -f bench/pom.xml package); the service as built in target/quarkus-app"
    ./mvnw -q -B -f bench/pom.xml package
fi
CP="$(bench_cp)"
export BENCH_RESULTS=/dev/null
"$HERE/infra.sh" start pg kafka
cleanup() {
    stop_service
    if [[ "${BENCH_KEEP_INFRA:-}" != "1" ]]; then "$HERE/infra.sh" stop kafka pg || true; fi
}
trap cleanup EXIT

seed=""
[[ "$("${PG_ADMIN[@]}" -c "select 1 from pg_database where datname = 'seed_firing'")" == "1" ]] && seed=seed_firing

for v in "${@:-25-aot-coh}"; do
    use_variant "$v"
    if [[ ! -f "$SERVICE_APP/quarkus-run.jar" ]]; then
        if [[ "$SERVICE_APP" == *-jar ]]; then build_packagings "$v"; else say "no $SERVICE_APP: ./mvnw package -DskipTests first"; exit 2; fi
    fi
    archive="${AOT:-$CDS}"
    if [[ -n "$archive" && ! -f "$archive" ]]; then say "$v: no archive $archive; profiling the start without it"; fi
    jcmd="$(dirname "$(readlink -f "$(command -v "$SERVICE_JAVA")")")/jcmd"
    report="$OUT/start-profile-$v.md"
    {
        if [[ -n "$seed" ]]; then on="a copy of $seed (1M pending)"; else on="an empty database (migrated at start)"; fi
        echo "## Start of \`$v\` at $(date -u +%FT%TZ), on $on"
        echo
    } > "$report"
    plain_opts="$VARIANT_OPTS"
    for ((r = 1; r <= REPS; r++)); do
        fresh_db bench_fire $seed
        VARIANT_OPTS="$plain_opts"
        start_service "start-$v-r$r" bench_fire 0 NOTICES_LOOPS_ENABLED=true NOTICES_EMAIL_PROVIDER=discard \
            REMINDERS_CLOCK_START="$(clock_start)"
        echo "* start $r without JFR: launch → ready ${READY_MS} ms, launch → \"started in\" ${STARTED_MS} ms (Quarkus: ${QUARKUS_SECONDS} s)" >> "$report"
        stop_service
        fresh_db bench_fire $seed
        VARIANT_OPTS="$plain_opts -XX:StartFlightRecording=name=start,settings=profile"
        start_service "start-$v-jfr-r$r" bench_fire 0 NOTICES_LOOPS_ENABLED=true NOTICES_EMAIL_PROVIDER=discard \
            REMINDERS_CLOCK_START="$(clock_start)"
        "$jcmd" "$SERVICE_PID" JFR.dump name=start filename="$OUT/start-$v-r$r.jfr" > /dev/null
        stop_service
    done
    VARIANT_OPTS="$plain_opts"
    echo >> "$report"
    tool bench.StartSteps "$OUT"/start-"$v"-r*.jfr >> "$report"
    say "$v: $report"
    cat "$report"
done
