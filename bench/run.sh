#!/usr/bin/env bash
# The benchmark suite: bench/run.sh [--quick]
#
# Builds the service and the harness, starts the infrastructure (bench/infra.sh: a separate-process Kafka
# broker, PostgreSQL 15, an SMTP sink and a GOV.UK Notify stub, all on 127.0.0.1), runs every measure
# BENCH_REPS times (3; --quick: 1, at small sizes) with a fresh database and fresh topics each time, prints
# a table of medians and writes BENCHMARKS.md at the repo root. Raw figures: bench/out/results-*.jsonl.
#
#   1. ingest     N events produced to case-events, then the service (notice loops off: ingestion only)
#                 consumes them; events/s until every obligation is committed. Side by side: PostgreSQL's raw
#                 insert rate for the same rows (JDBC batches on 1 and 4 connections, COPY).
#   2. firing     M pending obligations, D due at the same instant T; reminders/s from T to SENT (discard
#                 channel) and lateness p50/p99; the service's RSS at M pending and its start time.
#      smtp       the same firing into the SMTP sink; messages/s at the sink.
#      db-sched   db-scheduler executing D trivial due tasks (among M-D pending) on the same PostgreSQL.
#   3. pacing     S SMS through the service to the Notify stub at NOTIFY_MAX_PER_MINUTE=3000; rate and 429s.
#   4. profiles   one extra ingest and one extra firing run with a JFR recording (not in the figures), top frames.
#
# Environment: BENCH_REPS, BENCH_SKIP_BUILD=1, BENCH_MEASURES="ingest firing smtp dbscheduler pacing profile",
# BENCH_EVENTS / BENCH_CASES (ingest sizes), BENCH_XMX (256m), BENCH_KEEP_INFRA=1 (leave the infrastructure running afterwards),
# BENCH_SERVICE_ENV="NAME=value ..." (extra settings for every service run: variants) with BENCH_REPORT=FILE
# (write the report there instead of BENCHMARKS.md).
set -euo pipefail

# Paths, settings (BENCH_XMX, BENCH_JAVA_OPTS, T, T0, ports) and the functions shared with compare.sh.
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
cd "$ROOT"

QUICK=false
[[ "${1:-}" == "--quick" ]] && QUICK=true
COMMAND="bench/run.sh${1:+ $1}"

if $QUICK; then
    EVENTS="${BENCH_EVENTS:-50000}"; CASES="${BENCH_CASES:-20000}"; OBLIGATIONS=50000; DUE=5000; WARMUP=2500; SMS=1000; REPS="${BENCH_REPS:-1}"; LEAD=40
else
    EVENTS="${BENCH_EVENTS:-1000000}"; CASES="${BENCH_CASES:-400000}"; OBLIGATIONS="${BENCH_OBLIGATIONS:-1000000}"; DUE="${BENCH_DUE:-100000}"; WARMUP="${BENCH_WARMUP:-50000}"; SMS=20000; REPS="${BENCH_REPS:-3}"; LEAD=40
fi
MEASURES="${BENCH_MEASURES:-ingest firing smtp dbscheduler pacing profile}"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
export BENCH_RESULTS="$OUT/results-$STAMP.jsonl"
: > "$BENCH_RESULTS"

# ---- Build --------------------------------------------------------------------------------------------
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    say "building the service (./mvnw -q -B package -DskipTests) and the harness (./mvnw -q -B -f bench/pom.xml package)"
    ./mvnw -q -B package -DskipTests
    ./mvnw -q -B -f bench/pom.xml package
fi
CP="$(bench_cp)"

"$HERE/infra.sh" start pg kafka smtp notify

# ---- Machine and load ---------------------------------------------------------------------------------
{
    echo "cores=$(nproc)"
    echo "ram=$(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "kernel=$(uname -sr)"
    echo "jdk=$(java -version 2>&1 | head -2 | tail -1)"
    echo "postgres=$(/usr/lib/postgresql/15/bin/postgres --version)"
    echo "kafka=$(ls "$ROOT/target/quarkus-app/lib/main" | sed -n 's/^org.apache.kafka.kafka_2.13-\(.*\)\.jar$/Apache Kafka \1 (KRaft, single node)/p')"
    echo "command=$COMMAND"
    echo "xmx=$XMX"
    echo "jvm_opts=$JAVA_OPTS_BENCH"
    echo "cds=${BENCH_CDS:-1}"
    echo "quick=$QUICK"
    echo "reps=$REPS"
    echo "sizes=events=$EVENTS cases=$CASES obligations=$OBLIGATIONS due=$DUE sms=$SMS"
    echo "started=$(date -u +%FT%TZ)"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine-$STAMP.properties"
LOADLOG="$OUT/load-$STAMP.log"
( while true; do echo "$(date +%s) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5; done ) > "$LOADLOG" 2>/dev/null &
LOADER=$!
SERVICE_PID=""
REPORTED=false
report() {
    tool bench.Report --results "$BENCH_RESULTS" --machine "$OUT/machine-$STAMP.properties" --load "$LOADLOG" \
        --profiles "$OUT" --out "${BENCH_REPORT:-$ROOT/BENCHMARKS.md}"
    REPORTED=true
}
cleanup() {
    local rc=$?
    kill "$LOADER" 2>/dev/null || true
    stop_service
    if ! $REPORTED && [[ -s "$BENCH_RESULTS" ]]; then
        say "the suite stopped early (exit $rc): reporting what was measured"
        echo "finished=$(date -u +%FT%TZ) (stopped early, exit $rc)" >> "$OUT/machine-$STAMP.properties"
        report || true
    fi
    if [[ "${BENCH_KEEP_INFRA:-}" != "1" ]]; then "$HERE/infra.sh" stop notify smtp kafka pg || true; fi
}
trap cleanup EXIT

# ---- 1. Ingest: ingest_once in bench/lib.sh (shared with compare.sh) ------------------------------------------

dbscheduler_once() {
    fresh_db bench_dbs
    say "db-scheduler: $DUE due tasks among $OBLIGATIONS, lock-and-fetch (1.0, 4.0), 10 threads"
    tool bench.DbSchedulerBench --jdbc "$(jdbc bench_dbs)" --tasks "$DUE" --pending $(( OBLIGATIONS - DUE )) --mode lock-and-fetch > /dev/null
    fresh_db bench_dbs
    say "db-scheduler: the same with the default polling (fetch, lock on execute)"
    tool bench.DbSchedulerBench --jdbc "$(jdbc bench_dbs)" --tasks "$DUE" --pending $(( OBLIGATIONS - DUE )) --mode default > /dev/null
}

# ---- 3. Pacing -----------------------------------------------------------------------------------------
seed_pacing() {
    fresh_db seed_pacing
    migrate seed_pacing
    tool bench.FiringSeed --jdbc "$(jdbc seed_pacing)" --obligations "$SMS" --due "$SMS" --channel SMS --t "$T" > /dev/null
}

pacing_once() {
    fresh_db bench_pace seed_pacing
    tool bench.Topics reset --bootstrap "$BOOTSTRAP"
    curl -sf -XPOST "$NOTIFY_URL/__bench/reset" > /dev/null
    start_service "pacing-r$BENCH_REP" bench_pace 0 NOTICES_LOOPS_ENABLED=true NOTICES_EMAIL_PROVIDER=discard \
        NOTICES_SMS_PROVIDER=notify REMINDERS_CLOCK_START="$(date -u -d "$T - 10 seconds" +%FT%TZ)"
    say "pacing: $SMS SMS at 3,000/min to the Notify stub (about $(( SMS / 3000 + 1 )) min)"
    tool bench.FiringResult --jdbc "$(jdbc bench_pace)" --t "$T" --expect "$SMS" --measure pacing --notify "$NOTIFY_URL" --timeout 3600 > /dev/null
    stop_service
}

# ---- Run ----------------------------------------------------------------------------------------------------
has() { [[ " $MEASURES " == *" $1 "* ]]; }
SUITE_START=$(date +%s)

# The class-data-sharing archive for this build: one training start (on a scratch database), stopped once ready.
if [[ "${BENCH_CDS:-1}" == "1" ]]; then
    rm -f "$CDS"
    fresh_db bench_cds
    tool bench.Topics reset --bootstrap "$BOOTSTRAP"
    CDS_TRAINING=1 start_service cds-training bench_cds 0 NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard
    stop_service
    say "class-data-sharing archive: $(du -h "$CDS" 2>/dev/null | cut -f1) ($CDS)"
else
    rm -f "$CDS"
fi
say "suite: $MEASURES; $REPS repetition(s); results in $BENCH_RESULTS; load $(cut -d' ' -f1-3 /proc/loadavg)"

if has ingest; then
    for ((r = 1; r <= REPS; r++)); do BENCH_REP=$r; export BENCH_REP; ingest_once "r$r" 0; done
fi
if has firing || has smtp || has profile; then seed_firing; fi
if has firing; then
    for ((r = 1; r <= REPS; r++)); do BENCH_REP=$r; export BENCH_REP; firing_once firing "r$r" 0; done
fi
if has smtp; then
    for ((r = 1; r <= REPS; r++)); do BENCH_REP=$r; export BENCH_REP; firing_once smtp "r$r" 0; done
fi
if has dbscheduler; then
    for ((r = 1; r <= REPS; r++)); do BENCH_REP=$r; export BENCH_REP; dbscheduler_once; done
fi
if has pacing; then
    seed_pacing
    for ((r = 1; r <= REPS; r++)); do BENCH_REP=$r; export BENCH_REP; pacing_once; done
fi
if has profile; then
    BENCH_REP=0; export BENCH_REP
    say "profiles: one ingest and one firing run with JFR (settings=profile), not counted in the figures"
    ingest_once profile 1
    firing_once firing profile 1
    tool bench.JfrTop "$OUT/ingest-profile.jfr" > "$OUT/profile-ingest.md"
    tool bench.JfrTop "$OUT/firing-profile.jfr" > "$OUT/profile-firing.md"
fi

kill "$LOADER" 2>/dev/null || true
{
    echo "finished=$(date -u +%FT%TZ)"
    echo "suite_seconds=$(( $(date +%s) - SUITE_START ))"
} >> "$OUT/machine-$STAMP.properties"
report
