#!/usr/bin/env bash
# The benchmark's infrastructure, every piece a separate process on 127.0.0.1, data and logs under bench/out:
#   Kafka      a single KRaft node (broker+controller), Kafka 4.1.1 from the service's own runtime classpath
#   PostgreSQL a throwaway Debian PostgreSQL 15 cluster (run as the postgres user: initdb refuses root)
#   SMTP sink  GreenMail (SMTP only) with a small counting wrapper (bench.SmtpSink)
#   Notify     WireMock with an extension answering like GOV.UK Notify's v2 API (bench.NotifyStub)
#
# bench/infra.sh start|stop|status [kafka|pg|smtp|notify ...]    (default: all four)
# Idempotent: start skips what is running, stop skips what is not. PIDs in bench/out/pids/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="${BENCH_OUT:-$HERE/out}"
PIDS="$OUT/pids"
LOGS="$OUT/logs"
mkdir -p "$PIDS" "$LOGS"

# Ports of our own (others use this machine).
export BENCH_PG_PORT="${BENCH_PG_PORT:-25432}"
export BENCH_KAFKA_PORT="${BENCH_KAFKA_PORT:-29092}"
export BENCH_KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-29093}"
export BENCH_SMTP_PORT="${BENCH_SMTP_PORT:-22525}"
export BENCH_SMTP_CONTROL_PORT="${BENCH_SMTP_CONTROL_PORT:-22580}"
export BENCH_NOTIFY_PORT="${BENCH_NOTIFY_PORT:-22590}"

PG_BIN=/usr/lib/postgresql/15/bin
PGDATA="$OUT/pgdata"
PGSOCK="$OUT/pgsock"

log() { echo "[infra] $*" >&2; }

alive() { # name
    local f="$PIDS/$1.pid"
    [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

wait_port() { # port seconds what
    local port=$1 secs=$2 what=$3 i
    for ((i = 0; i < secs * 10; i++)); do
        if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    log "$what did not open port $port within ${secs}s; see $LOGS"
    return 1
}

stop_pid() { # name
    local f="$PIDS/$1.pid" pid i
    if ! alive "$1"; then rm -f "$f"; log "$1 not running"; return 0; fi
    pid="$(cat "$f")"
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then log "$1 ($pid) did not stop in 30 s: KILL"; kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$f"
    log "$1 stopped"
}

bench_cp() { # tools classpath: bench.jar + its dependencies, minus the two standalone fat jars
    local cp
    cp="$(tr ':' '\n' < "$HERE/target/classpath.txt" | grep -v -e greenmail-standalone -e wiremock-standalone | paste -sd:)"
    echo "$HERE/target/bench.jar:$cp"
}

jar_of() { tr ':' '\n' < "$HERE/target/classpath.txt" | grep "$1" | head -1; }

ensure_bench_built() {
    # Rebuilt whenever a source is newer than the jar: a stale jar wrote reports from old code.
    if [[ ! -f "$HERE/target/bench.jar" || ! -f "$HERE/target/classpath.txt" ]] \
        || [[ -n "$(find "$HERE/src" "$HERE/pom.xml" -newer "$HERE/target/bench.jar" -print -quit)" ]]; then
        log "building bench/ (./mvnw -f bench/pom.xml package)"
        (cd "$ROOT" && ./mvnw -q -B -f bench/pom.xml package -DskipTests)
    fi
}

# ---- Kafka ------------------------------------------------------------------------------------------------
kafka_cp() {
    # BENCH_KAFKA_LIB: another build's quarkus-app/lib/main (compare.sh: leaves this checkout's target/ alone)
    local lib="${BENCH_KAFKA_LIB:-$ROOT/target/quarkus-app/lib/main}"
    if [[ ! -d "$lib" ]]; then
        log "building the service for its Kafka jars (./mvnw package -DskipTests)"
        (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
    fi
    # The service's runtime classpath holds kafka_2.13 / kafka-server 4.1.1 and their dependencies
    # (its logging goes through JBoss LogManager, which prints to the console: our log file).
    ls "$lib"/*.jar "$lib"/../boot/*.jar | paste -sd:
}

start_kafka() {
    if alive kafka; then log "kafka already running (pid $(cat "$PIDS/kafka.pid"))"; return; fi
    local dir="$OUT/kafka" cp
    mkdir -p "$dir"
    cat > "$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$BENCH_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$BENCH_KAFKA_PORT,CONTROLLER://127.0.0.1:$BENCH_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$BENCH_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
EOF
    cp="$(kafka_cp)"
    if [[ ! -f "$dir/data/meta.properties" ]]; then
        rm -rf "$dir/data"
        java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
            -c "$dir/server.properties" > "$LOGS/kafka-format.log" 2>&1 || { cat "$LOGS/kafka-format.log" >&2; exit 1; }
    fi
    nohup java -Xms1g -Xmx1g -XX:+UseG1GC -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" kafka.Kafka "$dir/server.properties" \
        > "$LOGS/kafka.log" 2>&1 &
    echo $! > "$PIDS/kafka.pid"
    wait_port "$BENCH_KAFKA_PORT" 60 kafka
    log "kafka started (pid $(cat "$PIDS/kafka.pid")) on 127.0.0.1:$BENCH_KAFKA_PORT"
}

# ---- PostgreSQL 15 ------------------------------------------------------------------------------------------
pg_as() { runuser -u postgres -- "$@"; }

# bench: the tables' owner (Flyway, the tools' seeding and reading). cin_service: the service's own role since
# row-level security (V9 refuses to run unless it exists, owns nothing, is no superuser and cannot bypass RLS),
# made as src/main/java/cin/reminders/platform/embedded/ServiceRole.java makes it. Also on a cluster already running.
ensure_roles() {
    psql -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -qtAc \
        "do \$\$ begin if not exists (select 1 from pg_roles where rolname = 'bench') then
            create role bench login superuser password 'bench'; end if;
            if not exists (select 1 from pg_roles where rolname = 'cin_service') then
            create role cin_service login password 'cin_service' nosuperuser nocreatedb nocreaterole nobypassrls; end if; end \$\$;" > /dev/null
}

start_pg() {
    if alive pg; then log "postgresql already running (pid $(cat "$PIDS/pg.pid"))"; ensure_roles; return; fi
    mkdir -p "$PGSOCK"
    chown postgres:postgres "$PGSOCK"
    if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
        rm -rf "$PGDATA"; mkdir -p "$PGDATA"; chown postgres:postgres "$PGDATA"
        pg_as "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$LOGS/pg-initdb.log" 2>&1
        # Benchmark settings: durable (fsync and synchronous_commit on), sized for a 24 GB machine.
        cat >> "$PGDATA/postgresql.conf" <<EOF
# ---- bench/infra.sh ----
listen_addresses = '127.0.0.1'
port = $BENCH_PG_PORT
unix_socket_directories = '$PGSOCK'
max_connections = 100
shared_buffers = 1GB
effective_cache_size = 8GB
work_mem = 16MB
maintenance_work_mem = 512MB
max_wal_size = 4GB
min_wal_size = 1GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
wal_buffers = 16MB
fsync = on
synchronous_commit = on
full_page_writes = on
wal_compression = off
# commit timestamps: the ingest measure reads when the last batch committed
track_commit_timestamp = on
autovacuum = on
log_min_duration_statement = -1
logging_collector = off
EOF
    fi
    touch "$LOGS/postgres.log"; chown postgres:postgres "$LOGS/postgres.log"
    pg_as "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOGS/postgres.log" -w -t 60 start > /dev/null
    head -1 "$PGDATA/postmaster.pid" > "$PIDS/pg.pid" # the postmaster itself
    wait_port "$BENCH_PG_PORT" 60 postgresql
    local i
    for ((i = 0; i < 100; i++)); do
        "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$BENCH_PG_PORT" -q && break
        sleep 0.1
    done
    ensure_roles
    log "postgresql 15 started (pid $(cat "$PIDS/pg.pid")) on 127.0.0.1:$BENCH_PG_PORT, data $PGDATA"
}

stop_pg() {
    if alive pg; then
        pg_as "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop > /dev/null 2>&1 || true
    fi
    stop_pid pg
}

# ---- SMTP sink and Notify stub ----------------------------------------------------------------------------
start_smtp() {
    if alive smtp; then log "smtp sink already running (pid $(cat "$PIDS/smtp.pid"))"; return; fi
    ensure_bench_built
    nohup java -Xmx3g -XX:+UseParallelGC -cp "$HERE/target/bench.jar:$(jar_of greenmail-standalone)" bench.SmtpSink \
        "$BENCH_SMTP_PORT" "$BENCH_SMTP_CONTROL_PORT" > "$LOGS/smtp-sink.log" 2>&1 &
    echo $! > "$PIDS/smtp.pid"
    wait_port "$BENCH_SMTP_CONTROL_PORT" 30 smtp-sink
    wait_port "$BENCH_SMTP_PORT" 30 smtp-sink
    log "smtp sink started (pid $(cat "$PIDS/smtp.pid")): SMTP 127.0.0.1:$BENCH_SMTP_PORT, counts http://127.0.0.1:$BENCH_SMTP_CONTROL_PORT/count"
}

start_notify() {
    if alive notify; then log "notify stub already running (pid $(cat "$PIDS/notify.pid"))"; return; fi
    ensure_bench_built
    nohup java -Xmx512m -cp "$HERE/target/bench.jar:$(jar_of wiremock-standalone)" bench.NotifyStub \
        "$BENCH_NOTIFY_PORT" 3000 60 > "$LOGS/notify-stub.log" 2>&1 &
    echo $! > "$PIDS/notify.pid"
    wait_port "$BENCH_NOTIFY_PORT" 30 notify-stub
    log "notify stub started (pid $(cat "$PIDS/notify.pid")) on 127.0.0.1:$BENCH_NOTIFY_PORT (3000 requests per rolling 60 s)"
}

status_of() {
    if alive "$1"; then echo "$1: running (pid $(cat "$PIDS/$1.pid"))"; else echo "$1: stopped"; fi
}

# Sourced (by run.sh): only the settings and helpers above.
[[ "${BASH_SOURCE[0]}" != "$0" ]] && return 0

cmd="${1:-status}"
shift || true
what=("$@")
[[ ${#what[@]} -eq 0 ]] && what=(pg kafka smtp notify)

for w in "${what[@]}"; do
    case "$cmd:$w" in
        start:kafka) start_kafka ;;
        start:pg) start_pg ;;
        start:smtp) start_smtp ;;
        start:notify) start_notify ;;
        stop:kafka) stop_pid kafka ;;
        stop:pg) stop_pg ;;
        stop:smtp) stop_pid smtp ;;
        stop:notify) stop_pid notify ;;
        wipe:kafka) stop_pid kafka; rm -rf "$OUT/kafka/data" ;;
        wipe:pg) stop_pg; rm -rf "$PGDATA" ;;
        wipe:smtp | wipe:notify) stop_pid "$w" ;;
        status:*) status_of "$w" ;;
        *) echo "usage: $0 start|stop|status|wipe [kafka|pg|smtp|notify ...]" >&2; exit 2 ;;
    esac
done
