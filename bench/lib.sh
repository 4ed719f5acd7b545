#!/usr/bin/env bash
# Shared by bench/run.sh and bench/compare.sh (sourced, not run): paths, settings, the infrastructure's helpers
# (bench/infra.sh), and the functions that start and stop the service, make databases, record results, and
# seed and run the firing measure. Defines functions and variables only; it starts nothing.
#
# Set by the caller before calling (read when a function runs): CP (the tools' classpath), BENCH_RESULTS,
# OBLIGATIONS / DUE / WARMUP (firing sizes). Optional: SERVICE_APP (the quarkus-app directory to run; default
# target/quarkus-app of this checkout), CDS (the class-data-sharing archive), BENCH_REV (a label added to every
# result line, for side-by-side runs of two builds), and for run.sh's JVM variants (use_variant): SERVICE_JAVA (the
# java to run the service with), VARIANT_OPTS (its extra options), AOT (a JDK 25 AOT cache) and BENCH_VARIANT (a label
# added to every result line).

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
LOGS="$OUT/logs"
PIDS="$OUT/pids"
mkdir -p "$LOGS" "$PIDS"

# The service stages reminder rungs STAGE_AHEAD seconds before their instant (notices.reminders.stage-ahead): the
# footprint at 1M pending is sampled before it stages the warm-up burst (T0 - STAGE_AHEAD - 2 s), so LEAD leaves time
# for a settled start before that.
STAGE_AHEAD=60
LEAD=$((40 + STAGE_AHEAD)) # seconds from the service's launch to T on its clock (REMINDERS_CLOCK_START = T - LEAD)
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

SERVICE_PID=""

say() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
tool() { java -Xmx6g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" "$@"; }

# ---- JVM variants (run.sh's BENCH_VARIANTS, start-profile.sh) ------------------------------------------
# java_of JDK: the java binary of a variant's JDK.
java_of() {
    local var="BENCH_JAVA_$1"
    if [[ -n "${!var:-}" ]]; then echo "${!var}"
    elif [[ "$1" == "17" ]]; then echo java
    else echo "/usr/lib/jvm/temurin-$1-jdk-amd64/bin/java"; fi
}
# use_variant NAME: the service's java, options and archive for the runs that follow (start_service reads them).
use_variant() {
    local v=$1 lever
    SERVICE_JAVA="$(java_of "${v%%-*}")"; VARIANT_OPTS=""; VARIANT_ENV=""; VARIANT_XMX=""; VARIANT_XMS=""; CDS=""; AOT=""
    SERVICE_APP="$ROOT/target/quarkus-app"
    BENCH_VARIANT=$v; export BENCH_VARIANT
    [[ "$v" == *-* ]] || return 0
    for lever in $(tr '-' ' ' <<< "${v#*-}"); do
        case "$lever" in
            cds) CDS="$OUT/app-$v.jsa" ;;
            aot) AOT="$OUT/app-$v.aot" ;;
            coh) VARIANT_OPTS+=" -XX:+UseCompactObjectHeaders" ;;
            stage0) VARIANT_ENV+=" NOTICES_REMINDERS_STAGE_AHEAD=PT0S" ;; # staging off: the firing as before it
            # e.g. stagepct20: NOTICES_REMINDERS_STAGE_HEAP_PERCENT=20, staging's share of the heap (default 30)
            stagepct*) VARIANT_ENV+=" NOTICES_REMINDERS_STAGE_HEAP_PERCENT=${lever#stagepct}" ;;
            heap*) VARIANT_XMX="${lever#heap}" ;;                            # e.g. heap1g: -Xmx1g for this variant
            # e.g. xms16m: -Xms16m, the heap starts small and grows. Without it the JVM's initial heap is 1/64 of
            # the machine's memory (384 MiB here, so all of a 256m heap), as a pod's InitialRAMPercentage=50 is.
            xms*) VARIANT_XMS="${lever#xms}" ;;
            # e.g. xmn40m: -Xmn40m, a young generation of that size in a heap that is all there from the start
            # (SerialGC's default is a third of the heap: 85 MiB of a 256m heap, all of it touched by the first GCs).
            xmn*) VARIANT_OPTS+=" -Xmn${lever#xmn}" ;;
            # e.g. newratio5: -XX:NewRatio=5, the young generation a sixth of the heap (SerialGC's default is 2, a
            # third): xmn's proportion, for a pod whose heap is a share of its memory limit.
            newratio*) VARIANT_OPTS+=" -XX:NewRatio=${lever#newratio}" ;;
            # e.g. arena2: MALLOC_ARENA_MAX=2, glibc's malloc arenas capped (its default is 8 per core, one per
            # thread that mallocs until then, each keeping what it touched).
            arena*) VARIANT_ENV+=" MALLOC_ARENA_MAX=${lever#arena}" ;;
            # A packaging of its own, built beside target/quarkus-app (build_packagings): fast-jar (Quarkus's runner
            # class loader) or aot-jar (the classes on the JVM's own class path, so an archive can hold them).
            fastjar|aotjar) SERVICE_APP="$ROOT/target/quarkus-app-${lever%jar}-jar" ;;
            *) say "variant $v: unknown lever $lever (cds, aot, coh, stage0, stagepctN, heapSIZE, xmsSIZE, xmnSIZE, newratioN, arenaN, fastjar, aotjar)"; exit 2 ;;
        esac
    done
}

# The packagings the fastjar and aotjar levers ask for, each built beside target/quarkus-app (the packaging
# application.properties names), into target/quarkus-app-fast-jar or target/quarkus-app-aot-jar.
build_packagings() { # variant ...
    local type
    for type in fast aot; do
        if [[ " $* " == *-${type}jar[-\ ]* ]]; then
            say "building the $type-jar packaging too (target/quarkus-app-$type-jar)"
            ./mvnw -q -B package -DskipTests -Dquarkus.package.jar.type=$type-jar -Dquarkus.package.output-directory=quarkus-app-$type-jar
        fi
    done
}
# ---- Database, topics, service ------------------------------------------------------------------------
fresh_db() { # name [template]
    "${PG_ADMIN[@]}" -c "drop database if exists $1 with (force)"
    "${PG_ADMIN[@]}" -c "create database $1 owner bench${2:+ template $2}"
}
jdbc() { echo "jdbc:postgresql://127.0.0.1:$BENCH_PG_PORT/$1"; }

# The database roles of a build (quarkus-app directory), as VAR=value words for env. A build with row-level security
# (db/migration/V9__row_level_security.sql in its app jar) connects as cin_service (bench/infra.sh makes it: owns
# nothing, no bypass) and runs Flyway as bench, the owner; V9 refuses to run otherwise. An older build has no grants
# for cin_service and connects as bench (a superuser), as it always did. BENCH_DB_ROLE=service|owner forces either;
# settings in BENCH_SERVICE_ENV (and compare.sh's BENCH_A_ENV / BENCH_B_ENV) come later on the command line and win.
has_rls() { # app
    local jar
    for jar in "$1"/app/*.jar "$1"/lib/main/*.jar; do
        [[ -f "$jar" ]] || continue
        # unzip's own status (0: listed, 11: no such entry); no pipe into grep -q, which under pipefail fails at random.
        if unzip -l "$jar" 'db/migration/V9__row_level_security.sql' > /dev/null 2>&1; then
            return 0
        fi
    done
    return 1
}
db_role_env() { # app
    local role="${BENCH_DB_ROLE:-auto}"
    if [[ "$role" == "auto" ]]; then
        if has_rls "$1"; then role=service; else role=owner; fi
    fi
    case "$role" in
        service) echo "QUARKUS_DATASOURCE_USERNAME=cin_service QUARKUS_DATASOURCE_PASSWORD=cin_service QUARKUS_FLYWAY_USERNAME=bench QUARKUS_FLYWAY_PASSWORD=bench" ;;
        owner) echo "QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench" ;;
        *) say "BENCH_DB_ROLE=$role: service, owner or auto"; exit 2 ;;
    esac
}

# service_env DB APP: the settings, as VAR=value words, that point a service (a build, or the image's) at the bench's
# PostgreSQL database DB, its Kafka, SMTP sink and Notify stub instead of the embedded ones (start_service,
# image-start-pod.sh). No value holds a space.
service_env() {
    echo "REMINDERS_EMBEDDED_ENABLED=false REMINDERS_AUTH_ENABLED=false" \
        "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$BENCH_PG_PORT/$1 QUARKUS_DATASOURCE_JDBC_URL=$(jdbc "$1")" \
        "$(db_role_env "$2") KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP" \
        "QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=$BENCH_SMTP_PORT NOTIFY_BASE_URL=$NOTIFY_URL" \
        "NOTIFY_API_KEY=bench-5e1d7a52-3c0e-4a8e-9a59-0d3c1f0e8b11-7f3b2c1d-9e8a-4b6c-8d5e-2a1f0c9b8e7d" \
        "NOTIFY_SMS_TEMPLATE_ID=0f1e2d3c-4b5a-4968-8776-655443322110 NOTIFY_EMAIL_TEMPLATE_ID=1f2e3d4c-5b6a-4978-8877-665544332211" \
        "NOTIFY_MAX_PER_MINUTE=3000 NOTICES_SMS_PROVIDER=notify"
}

# start_service LABEL DB JFR(0|1) [VAR=value ...]: launches the service, waits for readiness, sets
# SERVICE_PID, LAUNCH_MS, READY_MS, STARTED_MS (launch → "started in" log line), QUARKUS_SECONDS and DB_ROLE_ENV.
start_service() {
    local label=$1 db=$2 jfr=$3
    shift 3
    local log="$LOGS/service-$label.log" opts=(-Xmx"${VARIANT_XMX:-$XMX}" $JAVA_OPTS_BENCH ${VARIANT_OPTS:-})
    [[ -n "${VARIANT_XMS:-}" ]] && opts+=(-Xms"$VARIANT_XMS")
    [[ -n "$CDS" && -f "$CDS" ]] && opts+=(-XX:SharedArchiveFile="$CDS")
    [[ "${CDS_TRAINING:-}" == "1" ]] && opts+=(-XX:ArchiveClassesAtExit="$CDS")
    [[ -n "${AOT:-}" && -f "$AOT" ]] && opts+=(-XX:AOTCache="$AOT")
    # JDK 25 (JEP 514): records during the run and, at exit, creates the cache in a child JVM.
    [[ "${AOT_TRAINING:-}" == "1" ]] && opts+=(-XX:AOTCacheOutput="$AOT")
    [[ -n "${ARCHIVE_CHECK_LOG:-}" ]] && opts+=(-Xlog:class+load=info:file="$ARCHIVE_CHECK_LOG")
    # The collector's pauses, for the record (gc_record): one line each, timed from the JVM's start.
    opts+=(-Xlog:gc:file="$LOGS/gc-$label.log":uptime)
    [[ "$jfr" == "1" ]] && opts+=(-XX:StartFlightRecording=filename="$OUT/$label.jfr",settings=profile,dumponexit=true)
    local app="${SERVICE_APP:-$ROOT/target/quarkus-app}"
    DB_ROLE_ENV="$(db_role_env "$app")"
    LAUNCH_MS=$(date +%s%3N)
    env \
        $(service_env "$db" "$app") \
        QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
        QUARKUS_HTTP_PORT="$HTTP_PORT" \
        "$@" ${BENCH_SERVICE_ENV:-} ${VARIANT_ENV:-} \
        "${SERVICE_JAVA:-java}" "${opts[@]}" -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
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
    # Under load the readiness probe can answer before "started in" reaches the log: wait for it (up to 5 s).
    for ((i = 0; i < 100; i++)); do
        line="$(grep -m1 -E 'started in [0-9.]+s' "$log" || true)"
        [[ -n "$line" ]] && break
        sleep 0.05
    done
    QUARKUS_SECONDS="$(sed -E 's/.*started in ([0-9.]+)s.*/\1/' <<< "$line")"
    ts="$(awk '{print $1" "$2}' <<< "$line" | tr ',' '.')"
    if [[ -n "$line" ]]; then STARTED_MS=$(( $(date -d "$ts" +%s%3N) - LAUNCH_MS )); else STARTED_MS=null; fi
    say "service ($label) ready: 'started in ${QUARKUS_SECONDS}s', launch→started ${STARTED_MS} ms, launch→ready ${READY_MS} ms; database user $(sed -E 's/.*QUARKUS_DATASOURCE_USERNAME=([^ ]*).*/\1/' <<< "$DB_ROLE_ENV ${BENCH_SERVICE_ENV:-} $*")"
}

stop_service() { # [seconds to wait before KILL, 60; a training run writes its archive at exit]
    [[ -z "$SERVICE_PID" ]] && return 0
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill "$SERVICE_PID" 2>/dev/null || true
        local i
        for ((i = 0; i < ${1:-60} * 10; i++)); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.1; done
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
# The hypervisor's steal: time this VM's CPUs were ready but ran another guest. It is in machine_busy (and so in
# "others"); apart, it tells a run slowed by the host from one slowed by itself.
machine_steal() { awk '/^cpu / {print $9}' /proc/stat; }
cpu_start() {
    CPU0_SVC=$(ticks_of "$SERVICE_PID"); CPU0_PG=$(pg_ticks); CPU0_KAFKA=$(ticks_of "$(cat "$PIDS/kafka.pid")")
    CPU0_ALL=$(machine_busy); CPU0_STEAL=$(machine_steal); CPU0_MS=$(date +%s%3N)
}
cpu_record() { # measure
    local svc pg kafka all steal wall
    svc=$(( $(ticks_of "$SERVICE_PID") - CPU0_SVC )); pg=$(( $(pg_ticks) - CPU0_PG ))
    kafka=$(( $(ticks_of "$(cat "$PIDS/kafka.pid")") - CPU0_KAFKA )); all=$(( $(machine_busy) - CPU0_ALL ))
    steal=$(( $(machine_steal) - CPU0_STEAL ))
    wall=$(( $(date +%s%3N) - CPU0_MS ))
    record "$1_cpu" "wall_s=$(awk -v x="$wall" 'BEGIN {print x / 1000}')" "service_cpu_s=$(awk -v x="$svc" 'BEGIN {print x / 100}')" \
        "postgres_cpu_s=$(awk -v x="$pg" 'BEGIN {print x / 100}')" "kafka_cpu_s=$(awk -v x="$kafka" 'BEGIN {print x / 100}')" \
        "machine_busy_cpu_s=$(awk -v x="$all" 'BEGIN {print x / 100}')" "steal_s=$(awk -v x="$steal" 'BEGIN {print x / 100}')" \
        "others_cpu_s=$(awk -v a="$all" -v b="$svc" -v c="$pg" -v d="$kafka" 'BEGIN {print (a - b - c - d) / 100}')"
}

# The database's work for a run: pg_stat_database's counters for DB and autovacuum's runs on its tables (a fresh copy
# starts at none; one during the burst competes with it), read at cpu_start (db_start) and at the end, so a run whose
# PostgreSQL worked harder says whether it ran more statements or read more rows for the same ones. (The first read,
# connected to DB, counts in the run: one commit and its catalog rows, against some 1,500 and 8M a firing run.)
DB_STATS="xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted, blks_hit, blks_read"
DB_VACUUMS="autovacuums, autoanalyzes"
db_stats() {
    "${PG_ADMIN[@]}" -d "$1" -F' ' -c "select $DB_STATS,
        (select coalesce(sum(autovacuum_count), 0) from pg_stat_user_tables),
        (select coalesce(sum(autoanalyze_count), 0) from pg_stat_user_tables)
        from pg_stat_database where datname = current_database()"
}
db_start() { DB0_STATS="$(db_stats "$1")"; }
db_record() { # measure db
    local names now
    read -ra names <<< "$(tr -d ',' <<< "$DB_STATS $DB_VACUUMS")"
    now="$(db_stats "$2")"
    record "$1_db" $(awk -v a="$DB0_STATS" -v b="$now" -v n="${names[*]}" 'BEGIN {
        split(a, x, " "); split(b, y, " "); k = split(n, m, " ")
        for (i = 1; i <= k; i++) printf "%s=%d ", m[i], y[i] - x[i] }')
}

gc_record() { # measure label: the collector's pauses since cpu_start, from the run's GC log (start_service)
    local since=$(( CPU0_MS - LAUNCH_MS ))
    record "$1_gc" $(awk -v since="$since" '
        /Pause/ { t = $1; gsub(/[\[\]s]/, "", t); if (t * 1000 < since) next
                  ms = $NF; sub(/ms$/, "", ms)
                  if ($0 ~ /Pause Full/) { fn++; fms += ms } else { yn++; yms += ms } }
        END { printf "young_pauses=%d young_ms=%.0f full_pauses=%d full_ms=%.0f", yn, yms, fn, fms }' "$LOGS/gc-$2.log")
}

record() { # measure key=value ...: one JSON line into the results
    local m=$1 json
    shift
    json="{\"measure\":\"$m\",\"rep\":${BENCH_REP:-0}"
    [[ -n "${BENCH_REV:-}" ]] && json+=",\"rev\":\"$BENCH_REV\""
    [[ -n "${BENCH_VARIANT:-}" ]] && json+=",\"variant\":\"$BENCH_VARIANT\""
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
# ingest_once LABEL JFR(0|1): EVENTS events for CASES cases produced to fresh topics, then the service (notice loops
# off) consumes them into a fresh database; the figures from IngestResult and the CPU over the consumption.
# INGEST_RAW=0 leaves out the raw insert baseline (RawInsert, with INGEST_MIGRATIONS: this checkout's migrations).
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
        if [[ "${INGEST_RAW:-1}" == "1" ]]; then
            say "ingest ($label): raw insert baseline of the same rows"
            tool bench.RawInsert --jdbc "$(jdbc bench_ingest)" --events "$EVENTS" \
                --migrations "${INGEST_MIGRATIONS:-$ROOT/src/main/resources/db/migration}" > /dev/null
        fi
    fi
}

# ---- 2. Firing -------------------------------------------------------------------------------------------
seed_firing() { # into SEED_DB (default seed_firing), migrated by the build start_service runs (SERVICE_APP)
    local db="${SEED_DB:-seed_firing}"
    if [[ "${BENCH_REUSE_SEED:-}" == "1" ]] && [[ "$("${PG_ADMIN[@]}" -c "select 1 from pg_database where datname = '$db'")" == "1" ]]; then
        say "reusing the seeded database $db (BENCH_REUSE_SEED=1)"
        return
    fi
    fresh_db "$db"
    migrate "$db"
    say "seeding $OBLIGATIONS obligations ($DUE due at $T) into $db"
    tool bench.FiringSeed --jdbc "$(jdbc "$db")" --obligations "$OBLIGATIONS" --due "$DUE" --t "$T" \
        --warmup "$WARMUP" --warmup-at "$T0" > /dev/null
    "${PG_ADMIN[@]}" -c "checkpoint"
}

clock_start() { date -u -d "$T - $LEAD seconds" +%FT%TZ; }

firing_once() { # measure(firing|smtp) label jfr
    local measure=$1 label=$2 jfr=$3 provider=discard extra=()
    [[ "$measure" == "smtp" ]] && { provider=smtp; extra=(--sink "$SINK_URL"); curl -sf -XPOST "$SINK_URL/reset" > /dev/null; }
    fresh_db bench_fire "${SEED_DB:-seed_firing}"
    # The SMTP run measures delivery into the sink: no warm-up burst (its messages would mix with T's at the sink).
    [[ "$measure" == "smtp" ]] && "${PG_ADMIN[@]}" -d bench_fire -c "delete from reminder_rung where due_at = '$T0'"
    tool bench.Topics reset --bootstrap "$BOOTSTRAP"
    start_service "$measure-$label" bench_fire "$jfr" NOTICES_LOOPS_ENABLED=true NOTICES_EMAIL_PROVIDER="$provider" \
        REMINDERS_CLOCK_START="$(clock_start)"
    if [[ "$measure" == "firing" && "$jfr" == "0" ]]; then
        record startup_1m "ready_ms=$READY_MS" "started_ms=$STARTED_MS" "quarkus_s=${QUARKUS_SECONDS:-0}"
        # Settled at 1M pending: sample RSS 2 s before staging takes up the warm-up burst (T0 = T - 20 s).
        local wait_ms=$(( LAUNCH_MS + (LEAD - 22 - STAGE_AHEAD) * 1000 - $(date +%s%3N) ))
        (( wait_ms > 0 )) && sleep "$(awk -v m="$wait_ms" 'BEGIN {print m / 1000}')"
        record footprint "rss_kib=$(proc_kib "$SERVICE_PID" VmRSS)" "seconds_after_launch=$(( ($(date +%s%3N) - LAUNCH_MS) / 1000 ))"
    fi
    say "$measure ($label): waiting for $DUE reminders due at $T (service clock) to be sent"
    cpu_start
    db_start bench_fire
    if [[ "$jfr" == "0" ]]; then
        local warm=(--warmup-at "$T0")
        [[ "$measure" == "smtp" ]] && warm=()
        tool bench.FiringResult --jdbc "$(jdbc bench_fire)" --t "$T" "${warm[@]}" --expect "$DUE" --measure "$measure" "${extra[@]}" > /dev/null
        cpu_record "$measure"
        gc_record "$measure" "$measure-$label"
        db_record "$measure" bench_fire
        record "${measure}_rss" "peak_rss_kib=$(proc_kib "$SERVICE_PID" VmHWM)" "rss_after_kib=$(proc_kib "$SERVICE_PID" VmRSS)"
    else
        BENCH_RESULTS=/dev/null tool bench.FiringResult --jdbc "$(jdbc bench_fire)" --t "$T" --expect "$DUE" --measure "$measure" > /dev/null
    fi
    stop_service
}
