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

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
LOGS="$OUT/logs"
PIDS="$OUT/pids"
mkdir -p "$LOGS" "$PIDS"
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
XMX="${BENCH_XMX:-256m}"
# The production JVM options (k8s/base/deployment.yaml): the serial collector, which the JVM picks by itself in the
# pod (one CPU, 768Mi), and which on two cores costs less CPU than G1 (measured: BENCHMARKS.md).
JAVA_OPTS_BENCH="${BENCH_JAVA_OPTS:--XX:+UseSerialGC}"
# Class data sharing: an archive of the classes a whole start loads, made by one training start of this build.
CDS="$OUT/app-cds.jsa"
T="2026-03-02T08:30:00Z" # a Monday, 08:30 Europe/London (GMT): a reminder rung
# The warm-up burst (FiringSeed --warmup): WARMUP reminders due at T0, 20 s before T, so the burst at T meets a
# service whose code is compiled, as at 08:30 on any day but the first. Its own figures are the cold ones.
T0="2026-03-02T08:29:40Z"

source "$HERE/infra.sh" # ports (BENCH_*), helpers
PG_ADMIN=(psql -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -qtAX -v ON_ERROR_STOP=1)
BOOTSTRAP="127.0.0.1:$BENCH_KAFKA_PORT"
HTTP_PORT="${BENCH_HTTP_PORT:-28080}"
SINK_URL="http://127.0.0.1:$BENCH_SMTP_CONTROL_PORT"
NOTIFY_URL="http://127.0.0.1:$BENCH_NOTIFY_PORT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
export BENCH_RESULTS="$OUT/results-$STAMP.jsonl"
: > "$BENCH_RESULTS"

say() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# ---- Build --------------------------------------------------------------------------------------------
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    say "building the service (./mvnw -q -B package -DskipTests) and the harness (./mvnw -q -B -f bench/pom.xml package)"
    ./mvnw -q -B package -DskipTests
    ./mvnw -q -B -f bench/pom.xml package
fi
CP="$(bench_cp)"
tool() { java -Xmx6g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" "$@"; }

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

# ---- Database, topics, service ------------------------------------------------------------------------
fresh_db() { # name [template]
    "${PG_ADMIN[@]}" -c "drop database if exists $1 with (force)"
    "${PG_ADMIN[@]}" -c "create database $1 owner bench${2:+ template $2}"
}
jdbc() { echo "jdbc:postgresql://127.0.0.1:$BENCH_PG_PORT/$1"; }

# start_service LABEL DB JFR(0|1) [VAR=value ...]: launches the service, waits for readiness, sets
# SERVICE_PID, LAUNCH_MS, READY_MS, STARTED_MS (launch → "started in" log line) and QUARKUS_SECONDS.
start_service() {
    local label=$1 db=$2 jfr=$3
    shift 3
    local log="$LOGS/service-$label.log" opts=(-Xmx"$XMX" $JAVA_OPTS_BENCH)
    [[ -f "$CDS" ]] && opts+=(-XX:SharedArchiveFile="$CDS")
    [[ "${CDS_TRAINING:-}" == "1" ]] && opts+=(-XX:ArchiveClassesAtExit="$CDS")
    [[ "$jfr" == "1" ]] && opts+=(-XX:StartFlightRecording=filename="$OUT/$label.jfr",settings=profile,dumponexit=true)
    LAUNCH_MS=$(date +%s%3N)
    env REMINDERS_EMBEDDED_ENABLED=false \
        QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$BENCH_PG_PORT/$db" \
        QUARKUS_DATASOURCE_JDBC_URL="$(jdbc "$db")" \
        QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench \
        KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" \
        REMINDERS_AUTH_ENABLED=false \
        QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
        QUARKUS_HTTP_PORT="$HTTP_PORT" \
        QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$BENCH_SMTP_PORT" \
        NOTIFY_BASE_URL="$NOTIFY_URL" \
        NOTIFY_API_KEY="bench-5e1d7a52-3c0e-4a8e-9a59-0d3c1f0e8b11-7f3b2c1d-9e8a-4b6c-8d5e-2a1f0c9b8e7d" \
        NOTIFY_SMS_TEMPLATE_ID=0f1e2d3c-4b5a-4968-8776-655443322110 \
        NOTIFY_EMAIL_TEMPLATE_ID=1f2e3d4c-5b6a-4978-8877-665544332211 \
        NOTIFY_MAX_PER_MINUTE=3000 \
        NOTICES_SMS_PROVIDER=notify \
        "$@" ${BENCH_SERVICE_ENV:-} \
        java "${opts[@]}" -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$log" 2>&1 &
    SERVICE_PID=$!
    echo "$SERVICE_PID" > "$PIDS/service.pid"
    local i
    for ((i = 0; i < 1200; i++)); do
        if curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/q/health/ready"; then break; fi
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then say "the service died; see $log"; tail -30 "$log" >&2; exit 1; fi
        sleep 0.05
    done
    READY_MS=$(( $(date +%s%3N) - LAUNCH_MS ))
    local line ts
    line="$(grep -m1 -E 'started in [0-9.]+s' "$log" || true)"
    QUARKUS_SECONDS="$(sed -E 's/.*started in ([0-9.]+)s.*/\1/' <<< "$line")"
    ts="$(awk '{print $1" "$2}' <<< "$line" | tr ',' '.')"
    STARTED_MS=$(( $(date -d "$ts" +%s%3N) - LAUNCH_MS ))
    say "service ($label) ready: 'started in ${QUARKUS_SECONDS}s', launch→started ${STARTED_MS} ms, launch→ready ${READY_MS} ms"
}

stop_service() {
    [[ -z "$SERVICE_PID" ]] && return 0
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill "$SERVICE_PID" 2>/dev/null || true
        local i
        for ((i = 0; i < 600; i++)); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$SERVICE_PID" 2>/dev/null && kill -9 "$SERVICE_PID" 2>/dev/null || true
    fi
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=""
    rm -f "$PIDS/service.pid"
}

proc_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; } # pid VmRSS|VmHWM

# CPU accounting over an interval (clock ticks, 100 per second): the service, PostgreSQL (postmaster and
# backends), the Kafka broker, and the whole machine (busy time of all cores, which includes everybody else's).
ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { # the postmaster with its reaped children (backends that exited), plus the live children
    local s p pm
    pm="$(cat "$PIDS/pg.pid")"
    s=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat" 2>/dev/null || echo 0)
    for p in $(pgrep -P "$pm"); do s=$(( s + $(ticks_of "$p") )); done
    echo "$s"
}
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
cpu_start() {
    CPU0_SVC=$(ticks_of "$SERVICE_PID"); CPU0_PG=$(pg_ticks); CPU0_KAFKA=$(ticks_of "$(cat "$PIDS/kafka.pid")")
    CPU0_ALL=$(machine_busy); CPU0_MS=$(date +%s%3N)
}
cpu_record() { # measure
    local svc pg kafka all wall
    svc=$(( $(ticks_of "$SERVICE_PID") - CPU0_SVC )); pg=$(( $(pg_ticks) - CPU0_PG ))
    kafka=$(( $(ticks_of "$(cat "$PIDS/kafka.pid")") - CPU0_KAFKA )); all=$(( $(machine_busy) - CPU0_ALL ))
    wall=$(( $(date +%s%3N) - CPU0_MS ))
    record "$1_cpu" "wall_s=$(awk -v x="$wall" 'BEGIN {print x / 1000}')" "service_cpu_s=$(awk -v x="$svc" 'BEGIN {print x / 100}')" \
        "postgres_cpu_s=$(awk -v x="$pg" 'BEGIN {print x / 100}')" "kafka_cpu_s=$(awk -v x="$kafka" 'BEGIN {print x / 100}')" \
        "machine_busy_cpu_s=$(awk -v x="$all" 'BEGIN {print x / 100}')" \
        "others_cpu_s=$(awk -v a="$all" -v b="$svc" -v c="$pg" -v d="$kafka" 'BEGIN {print (a - b - c - d) / 100}')"
}

record() { # measure key=value ...: one JSON line into the results
    local m=$1 json
    shift
    json="{\"measure\":\"$m\",\"rep\":${BENCH_REP:-0}"
    local kv
    for kv in "$@"; do json+=",\"${kv%%=*}\":${kv#*=}"; done
    echo "$json}" | tee -a "$BENCH_RESULTS"
}

migrate() { # db: the service's Flyway migrations, by starting it once (loops off) on the empty database
    java -cp "$CP" bench.Topics reset --bootstrap "$BOOTSTRAP" 2> /dev/null
    start_service "migrate-$1" "$1" 0 NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard
    record startup_migrate "ready_ms=$READY_MS" "started_ms=$STARTED_MS" "quarkus_s=${QUARKUS_SECONDS:-0}"
    stop_service
}

# ---- 1. Ingest -------------------------------------------------------------------------------------------
ingest_once() { # label jfr
    local label=$1 jfr=$2
    fresh_db bench_ingest
    tool bench.Topics reset --bootstrap "$BOOTSTRAP"
    say "ingest ($label): producing $EVENTS events for $CASES cases to case-events"
    tool bench.EventGen --bootstrap "$BOOTSTRAP" --events "$EVENTS" --cases "$CASES" --anchor "$(date -u +%F)" > /dev/null
    start_service "ingest-$label" bench_ingest "$jfr" NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard
    [[ "$jfr" == "0" ]] && record startup_empty "ready_ms=$READY_MS" "started_ms=$STARTED_MS" "quarkus_s=${QUARKUS_SECONDS:-0}"
    local awaited dlq rss
    cpu_start
    awaited="$(tool bench.Topics await --bootstrap "$BOOTSTRAP" --timeout 3600)"
    [[ "$jfr" == "0" ]] && cpu_record ingest
    dlq="$(sed -E 's/.*"dlq":([0-9]+).*/\1/' <<< "$awaited")"
    rss="$(proc_kib "$SERVICE_PID" VmHWM)"
    stop_service
    if [[ "$jfr" == "0" ]]; then
        tool bench.IngestResult --jdbc "$(jdbc bench_ingest)" --events "$EVENTS" --dlq "$dlq" > /dev/null
        record ingest_rss "peak_rss_kib=$rss"
        say "ingest ($label): raw insert baseline of the same rows"
        tool bench.RawInsert --jdbc "$(jdbc bench_ingest)" --events "$EVENTS" --migrations "$ROOT/src/main/resources/db/migration" > /dev/null
    fi
}

# ---- 2. Firing -------------------------------------------------------------------------------------------
seed_firing() {
    if [[ "${BENCH_REUSE_SEED:-}" == "1" ]] && [[ "$("${PG_ADMIN[@]}" -c "select 1 from pg_database where datname = 'seed_firing'")" == "1" ]]; then
        say "reusing the seeded database seed_firing (BENCH_REUSE_SEED=1)"
        return
    fi
    fresh_db seed_firing
    migrate seed_firing
    say "seeding $OBLIGATIONS obligations ($DUE due at $T)"
    tool bench.FiringSeed --jdbc "$(jdbc seed_firing)" --obligations "$OBLIGATIONS" --due "$DUE" --t "$T" \
        --warmup "$WARMUP" --warmup-at "$T0" > /dev/null
    "${PG_ADMIN[@]}" -c "checkpoint"
}

clock_start() { date -u -d "$T - $LEAD seconds" +%FT%TZ; }

firing_once() { # measure(firing|smtp) label jfr
    local measure=$1 label=$2 jfr=$3 provider=discard extra=()
    [[ "$measure" == "smtp" ]] && { provider=smtp; extra=(--sink "$SINK_URL"); curl -sf -XPOST "$SINK_URL/reset" > /dev/null; }
    fresh_db bench_fire seed_firing
    # The SMTP run measures delivery into the sink: no warm-up burst (its messages would mix with T's at the sink).
    [[ "$measure" == "smtp" ]] && "${PG_ADMIN[@]}" -d bench_fire -c "delete from reminder_rung where due_at = '$T0'"
    tool bench.Topics reset --bootstrap "$BOOTSTRAP"
    start_service "$measure-$label" bench_fire "$jfr" NOTICES_LOOPS_ENABLED=true NOTICES_EMAIL_PROVIDER="$provider" \
        REMINDERS_CLOCK_START="$(clock_start)"
    if [[ "$measure" == "firing" && "$jfr" == "0" ]]; then
        record startup_1m "ready_ms=$READY_MS" "started_ms=$STARTED_MS" "quarkus_s=${QUARKUS_SECONDS:-0}"
        # Settled at 1M pending: sample RSS 2 s before the warm-up burst (T0 = T - 20 s).
        local wait_ms=$(( LAUNCH_MS + LEAD * 1000 - 22000 - $(date +%s%3N) ))
        (( wait_ms > 0 )) && sleep "$(awk -v m="$wait_ms" 'BEGIN {print m / 1000}')"
        record footprint "rss_kib=$(proc_kib "$SERVICE_PID" VmRSS)" "seconds_after_launch=$(( ($(date +%s%3N) - LAUNCH_MS) / 1000 ))"
    fi
    say "$measure ($label): waiting for $DUE reminders due at $T (service clock) to be sent"
    cpu_start
    if [[ "$jfr" == "0" ]]; then
        local warm=(--warmup-at "$T0")
        [[ "$measure" == "smtp" ]] && warm=()
        tool bench.FiringResult --jdbc "$(jdbc bench_fire)" --t "$T" "${warm[@]}" --expect "$DUE" --measure "$measure" "${extra[@]}" > /dev/null
        cpu_record "$measure"
        record "${measure}_rss" "peak_rss_kib=$(proc_kib "$SERVICE_PID" VmHWM)" "rss_after_kib=$(proc_kib "$SERVICE_PID" VmRSS)"
    else
        BENCH_RESULTS=/dev/null tool bench.FiringResult --jdbc "$(jdbc bench_fire)" --t "$T" --expect "$DUE" --measure "$measure" > /dev/null
    fi
    stop_service
}

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
