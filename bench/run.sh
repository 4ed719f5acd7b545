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
# JVM variants, side by side: BENCH_VARIANTS="17-cds 25-aot 25-aot-coh" runs ingest and firing (with their start
# times and RSS) on each, alternately within each repetition (A, B, C, A, B, C), and reports a column for each.
# A variant is JDK-LEVER-...: the JDK (17: java on the PATH, BENCH_JAVA_17; 25: Temurin 25, BENCH_JAVA_25), then
# cds (a class-data-sharing archive), aot (a JDK 25 AOT cache, JEP 483/514/515), coh (-XX:+UseCompactObjectHeaders).
# Each archive comes from a training run of its own variant (BENCH_TRAINING=workload: start, a small ingest and a
# firing burst; =start: start only), checked once for use (-Xlog:class+load). Default: 17-cds alone, as before
# (BENCH_CDS=0: 17). smtp, dbscheduler, pacing and profile run on the first variant only.
#
# Environment: BENCH_REPS, BENCH_SKIP_BUILD=1, BENCH_MEASURES="ingest firing smtp dbscheduler pacing profile",
# BENCH_EVENTS / BENCH_CASES (ingest sizes), BENCH_XMX (256m), BENCH_KEEP_INFRA=1 (leave the infrastructure running afterwards),
# BENCH_SERVICE_ENV="NAME=value ..." (extra settings for every service run: variants) with BENCH_REPORT=FILE
# (write the report there instead of BENCHMARKS.md), BENCH_VARIANTS / BENCH_JAVA_<jdk> / BENCH_TRAINING (above).
set -euo pipefail

# Paths, settings (BENCH_XMX, BENCH_JAVA_OPTS, T, T0, ports) and the functions shared with compare.sh.
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
cd "$ROOT"

QUICK=false
[[ "${1:-}" == "--quick" ]] && QUICK=true
COMMAND="bench/run.sh${1:+ $1}"

if $QUICK; then
    EVENTS="${BENCH_EVENTS:-50000}"; CASES="${BENCH_CASES:-20000}"; OBLIGATIONS=50000; DUE=5000; WARMUP=2500; SMS=1000; REPS="${BENCH_REPS:-1}"; LEAD=$((40 + STAGE_AHEAD))
else
    EVENTS="${BENCH_EVENTS:-1000000}"; CASES="${BENCH_CASES:-400000}"; OBLIGATIONS="${BENCH_OBLIGATIONS:-1000000}"; DUE="${BENCH_DUE:-100000}"; WARMUP="${BENCH_WARMUP:-50000}"; SMS=20000; REPS="${BENCH_REPS:-3}"; LEAD=$((40 + STAGE_AHEAD))
fi
MEASURES="${BENCH_MEASURES:-ingest firing smtp dbscheduler pacing profile}"
if [[ "${BENCH_CDS:-1}" == "1" ]]; then VARIANTS="${BENCH_VARIANTS:-17-cds}"; else VARIANTS="${BENCH_VARIANTS:-17}"; fi
read -ra VARIANT_LIST <<< "$VARIANTS"
FIRST="${VARIANT_LIST[0]}"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
export BENCH_RESULTS="$OUT/results-$STAMP.jsonl"
: > "$BENCH_RESULTS"

# ---- Build --------------------------------------------------------------------------------------------
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    say "building the service (./mvnw -q -B package -DskipTests) and the harness (./mvnw -q -B -f bench/pom.xml package)"
    ./mvnw -q -B package -DskipTests
    build_packagings $VARIANTS
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
    echo "variants=$VARIANTS"
    for v in "${VARIANT_LIST[@]}"; do
        use_variant "$v"
        # Also checks that this java takes the variant's options.
        "$SERVICE_JAVA" $VARIANT_OPTS -version > "$OUT/version-$v.txt" 2>&1 || { say "variant $v: $SERVICE_JAVA $VARIANT_OPTS -version failed"; cat "$OUT/version-$v.txt" >&2; exit 2; }
        echo "variant.$v.jdk=$(sed -n 2p "$OUT/version-$v.txt")"
        echo "variant.$v.app=${SERVICE_APP##*/}"
        echo "variant.$v.opts=-Xmx${VARIANT_XMX:-$XMX}${VARIANT_XMS:+ -Xms$VARIANT_XMS} $JAVA_OPTS_BENCH$VARIANT_OPTS${VARIANT_ENV:+ (env$VARIANT_ENV)}${CDS:+ -XX:SharedArchiveFile=bench/out/${CDS##*/}}${AOT:+ -XX:AOTCache=bench/out/${AOT##*/}}"
        echo "variant.$v.java=$SERVICE_JAVA"
    done
    echo "postgres=$(/usr/lib/postgresql/15/bin/postgres --version)"
    echo "kafka=$(ls "$ROOT/target/quarkus-app/lib/main" | sed -n 's/^org.apache.kafka.kafka_2.13-\(.*\)\.jar$/Apache Kafka \1 (KRaft, single node)/p')"
    echo "command=$COMMAND"
    echo "xmx=$XMX"
    echo "jvm_opts=$JAVA_OPTS_BENCH"
    echo "training=${BENCH_TRAINING:-workload}"
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

# Each variant's archive (CDS or AOT cache) from a training run of that variant, on a scratch database: a start, then
# (BENCH_TRAINING=workload) a small ingest and a firing burst, so the archive holds what those load and link.
TRAIN_EVENTS=20000; TRAIN_DUE=5000
train_archive() { # variant (in use)
    local v=$1
    rm -f "$CDS" "$AOT"
    fresh_db bench_train "$([[ "${BENCH_TRAINING:-workload}" == "workload" ]] && echo seed_train)"
    tool bench.Topics reset --bootstrap "$BOOTSTRAP"
    if [[ "${BENCH_TRAINING:-workload}" == "workload" ]]; then
        BENCH_RESULTS=/dev/null tool bench.EventGen --bootstrap "$BOOTSTRAP" --events "$TRAIN_EVENTS" --cases 8000 --anchor "$(date -u +%F)" > /dev/null
        CDS_TRAINING=$([[ -n "$CDS" ]] && echo 1) AOT_TRAINING=$([[ -n "$AOT" ]] && echo 1) \
            start_service "training-$v" bench_train 0 NOTICES_LOOPS_ENABLED=true NOTICES_EMAIL_PROVIDER=discard \
            REMINDERS_CLOCK_START="$(date -u -d "$T - 30 seconds" +%FT%TZ)"
        tool bench.Topics await --bootstrap "$BOOTSTRAP" --timeout 600 > /dev/null
        BENCH_RESULTS=/dev/null tool bench.FiringResult --jdbc "$(jdbc bench_train)" --t "$T" --expect "$TRAIN_DUE" --measure firing --timeout 600 > /dev/null
    else
        CDS_TRAINING=$([[ -n "$CDS" ]] && echo 1) AOT_TRAINING=$([[ -n "$AOT" ]] && echo 1) \
            start_service "training-$v" bench_train 0 NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard
    fi
    stop_service 600 # the archive is written at exit (JDK 25: by a child JVM, about 10 s)
    say "variant $v: archive $(du -h "$CDS$AOT" 2>/dev/null | cut -f1) ($CDS$AOT)"
}
# A mismatched archive only warns: one start with -Xlog:class+load says how many classes came from it.
check_archive() { # variant (in use)
    local v=$1 classes shared warn
    fresh_db bench_train
    ARCHIVE_CHECK_LOG="$OUT/class-load-$v.log" start_service "archive-check-$v" bench_train 0 NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard
    stop_service
    classes=$(grep -c 'source: ' "$OUT/class-load-$v.log" || true)
    shared=$(grep -c 'source: shared objects file' "$OUT/class-load-$v.log" || true)
    # The JVM's reasons, e.g. "The AOT cache's UseCompactObjectHeaders setting (disabled) does not equal ..."
    warn="$(grep -E '\]\[(aot|cds)|does not equal|mismatch' "$LOGS/service-archive-check-$v.log" | head -3 | sed -E 's/^(\[[^]]*\])+ *//' | tr -s '\n|' '  ' || true)"
    if [[ ! -f "$CDS$AOT" ]]; then echo "variant.$v.archive=none (no archive file)"
    elif (( shared > classes / 2 )); then echo "variant.$v.archive=used: $shared of $classes classes loaded from it ($(du -h "$CDS$AOT" | cut -f1))"
    else echo "variant.$v.archive=**not used**: $shared of $classes classes loaded from it${warn:+; $warn}"; fi >> "$OUT/machine-$STAMP.properties"
    say "variant $v: $(tail -1 "$OUT/machine-$STAMP.properties")"
}
BENCH_REP=0; export BENCH_REP # training lines are not figures
if [[ "${BENCH_TRAINING:-workload}" == "workload" ]]; then
    use_variant "$FIRST"; CDS=""; AOT=""
    fresh_db seed_train
    migrate seed_train
    tool bench.FiringSeed --jdbc "$(jdbc seed_train)" --obligations 20000 --due "$TRAIN_DUE" --t "$T" \
        --warmup 2500 --warmup-at "$T0" > /dev/null
fi
for v in "${VARIANT_LIST[@]}"; do
    use_variant "$v"
    [[ -n "$CDS$AOT" ]] || continue
    train_archive "$v"
    check_archive "$v"
done
use_variant "$FIRST"
say "suite: $MEASURES; variants $VARIANTS; $REPS repetition(s); results in $BENCH_RESULTS; load $(cut -d' ' -f1-3 /proc/loadavg)"

# Ingest and firing on every variant, alternately within a repetition, so the machine's noise hits each alike.
# The raw insert baseline is PostgreSQL's alone: measured in the first variant's runs only.
RAW="${INGEST_RAW:-1}"
if has ingest; then
    for ((r = 1; r <= REPS; r++)); do
        for v in "${VARIANT_LIST[@]}"; do
            use_variant "$v"; BENCH_REP=$r; export BENCH_REP
            INGEST_RAW=$([[ "$v" == "$FIRST" ]] && echo "$RAW" || echo 0) ingest_once "$v-r$r" 0
        done
    done
fi
use_variant "$FIRST"
if has firing || has smtp || has profile; then seed_firing; fi
if has firing; then
    for ((r = 1; r <= REPS; r++)); do
        for v in "${VARIANT_LIST[@]}"; do use_variant "$v"; BENCH_REP=$r; export BENCH_REP; firing_once firing "$v-r$r" 0; done
    done
fi
use_variant "$FIRST"
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
