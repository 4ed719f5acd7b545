#!/usr/bin/env bash
# What the state gauges cost at national scale, before and after V6__gauge_indexes.sql.
#
#   bench/gauges/run.sh            # throwaway PostgreSQL 15 on 127.0.0.1:25452 under bench/out/gauges, stopped at the end
#
# Migrates a fresh cluster to V5, fills it (fill.sql: 400k cases, 1M obligations, 4.8M notices), vacuums it as
# autovacuum would, then times each gauge statement: EXPLAIN (ANALYZE, TIMING OFF) of the prepared statement, median
# of 5 after one warm-up run, with parallel workers and on one process (with its CPU time). Then applies V6 (timing
# each index build) and times them again. About 20 minutes on 2 cores, most of it filling. Memory settings as in
# bench/infra.sh (shared_buffers 1GB); fsync off while filling only. Run as root (the cluster runs as postgres).
# Sizes: GAUGES_CASES, GAUGES_OBLIGATIONS, GAUGES_NOTICES. GAUGES_KEEP=1 leaves the cluster running;
# GAUGES_REUSE=1 times again on the cluster an earlier run filled (its V6 indexes dropped first).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${BENCH_OUT:-$ROOT/bench/out}/gauges"
PG_BIN=/usr/lib/postgresql/15/bin
PORT="${GAUGES_PG_PORT:-25452}"
DATA="$OUT/pgdata"
TODAY=2026-03-02
CASES="${GAUGES_CASES:-400000}"
OBLIGATIONS="${GAUGES_OBLIGATIONS:-1000000}"
NOTICES="${GAUGES_NOTICES:-4800000}"
MIGRATIONS="$ROOT/src/main/resources/db/migration"

as_pg() { runuser -u postgres -- "$@"; }
sql() { as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d gauges -v ON_ERROR_STOP=1 -X -q "$@"; }
log() { echo "[gauges] $*" >&2; }

stop() { as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true; }

if [[ "${GAUGES_REUSE:-0}" == 1 && -f "$DATA/PG_VERSION" ]]; then
    # The filled cluster of an earlier run (GAUGES_KEEP=1 or not): back to V5's indexes, timed again.
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$OUT/postgres.log" -w start >/dev/null 2>&1 || true
    [[ "${GAUGES_KEEP:-0}" == 1 ]] || trap stop EXIT
    sql -c "drop index if exists obligation_open_authority_kind_due, notice_live_channel, gauges_failed_channel"
else
    rm -rf "$OUT" && mkdir -p "$OUT" && chown postgres "$OUT"
    as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust >/dev/null
    cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$OUT'
shared_buffers = 1GB
effective_cache_size = 8GB
work_mem = 16MB
maintenance_work_mem = 512MB
max_wal_size = 8GB
fsync = off
full_page_writes = off
CONF
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$OUT/postgres.log" -w start >/dev/null
    [[ "${GAUGES_KEEP:-0}" == 1 ]] || trap stop EXIT
    as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres gauges

    for v in 1 2 3 4 5; do sql -f "$(ls "$MIGRATIONS"/V${v}__*.sql)"; done
    log "filling: $CASES cases, $OBLIGATIONS obligations, $NOTICES notices"
    start=$(date +%s)
    sql -v today="$TODAY" -v cases="$CASES" -v obligations="$OBLIGATIONS" -v notices="$NOTICES" -f "$HERE/fill.sql"
    sql -c "vacuum (analyze) case_record, obligation, notice"
    log "filled in $(( $(date +%s) - start )) s"
    # From here on as a real server: durable writes (the index builds are timed).
    sed -i -e 's/^fsync = off/fsync = on/' -e 's/^full_page_writes = off/full_page_writes = on/' "$DATA/postgresql.conf"
    sql -c "select pg_reload_conf()" >/dev/null
fi
uptime
sql -At -c "select 'obligation: ' || count(*) || ' rows, ' || count(*) filter (where status = 'OPEN') || ' open, '
            || count(*) filter (where status = 'OPEN' and due_date < date '$TODAY') || ' overdue, '
            || pg_size_pretty(pg_table_size('obligation')) from obligation"
sql -At -c "select 'notice: ' || count(*) || ' rows, ' || pg_size_pretty(pg_table_size('notice')) from notice"
sql -At -c "select '  ' || status || ' ' || channel || ': ' || count(*) from notice group by status, channel order by status, channel"

OBLIGATIONS_SQL="select authority, kind, count(*) as open, count(*) filter (where due_date < \$1) as overdue
                 from obligation where status = 'OPEN' group by authority, kind"
NOTICES_ALL_SQL="select channel, status, count(*) as n from notice group by channel, status"
NOTICES_LIVE_SQL="select status, channel, count(*) as n from notice where status in ('SCHEDULED', 'SENDING')
                  group by status, channel"
NOTICES_FAILED_SQL="select channel, count(*) as n from notice where status = 'FAILED' group by channel"

# time NAME SQL [ARG]: the prepared statement, one warm-up run, then 5 runs of EXPLAIN (ANALYZE, TIMING OFF): the
# median, min and max of their Execution Time, heap fetches and the plan's scan nodes. Twice: as PostgreSQL plans it
# by default (parallel workers allowed), and on one process, where 5 more runs report the backend's own CPU time
# (log_executor_stats): on a machine shared with other work, wall time includes waiting for a core, CPU time does not.
time_it() {
    time_once "$1" "" "$2" "${3:-}"
    time_once "  (one process)" "set max_parallel_workers_per_gather = 0;" "$2" "${3:-}"
}

time_once() {
    local name=$1 setting=$2 text=$3 arg=${4:-} params="" exec="execute s" out times cpu scans fetches cpu_note=""
    [[ -n "$arg" ]] && { params="(date)"; exec="execute s('$arg')"; }
    out="$(sql -At 2>&1 <<SQL
$setting
prepare s$params as $text;
$exec;
explain (analyze, timing off) $exec; explain (analyze, timing off) $exec; explain (analyze, timing off) $exec;
explain (analyze, timing off) $exec; explain (analyze, timing off) $exec;
${setting:+set log_executor_stats = on; set client_min_messages = log;
$exec; $exec; $exec; $exec; $exec;}
SQL
)"
    times=($(grep '^Execution Time' <<<"$out" | tr -dc '0-9.\n' | sort -n))
    scans="$(grep 'Scan' <<<"$out" | sed -e 's/^ *\(->\)\? *//' -e 's/  (.*//' | sort -u | paste -sd';')"
    fetches="$( (grep -o 'Heap Fetches: [0-9]*' <<<"$out" || true) | awk '{ n += $3 } END { printf "%d", n / 5 }')"
    if [[ -n "$setting" ]]; then
        # (each execution reports its statistics twice, the same figures: every other line)
        cpu=($(grep -E '^!\s+[0-9.]+ s user' <<<"$out" | awk 'NR % 2 { printf "%.1f\n", ($2 + $5) * 1000 }' | sort -n))
        cpu_note="; CPU ${cpu[2]:-?} ms"
    fi
    printf '%-36s median %7.1f ms (min %.1f, max %.1f)%s; heap fetches %s; %s\n' "$name" "${times[2]}" "${times[0]}" \
        "${times[4]}" "$cpu_note" "${fetches:-0}" "$scans"
}

echo "== before (V1-V5)"
time_it "obligations open/overdue" "$OBLIGATIONS_SQL" "$TODAY"
time_it "notices by channel, status (all)" "$NOTICES_ALL_SQL"
time_it "notices live only, no V6" "$NOTICES_LIVE_SQL"

echo "== V6 (each CREATE INDEX as Flyway runs it: plain, inside a transaction)"
grep -i '^create index' "$(ls "$MIGRATIONS"/V6__*.sql)" | while read -r statement; do
    t0=$(date +%s%N); sql -c "begin; $statement commit;"; t1=$(date +%s%N)
    printf '  %-36s built in %6.0f ms\n' "$(awk '{print $3}' <<<"$statement")" "$(( (t1 - t0) / 1000000 ))"
done
sql -c "vacuum (analyze) obligation, notice"  # autovacuum's work after the build, so the figures are steady-state
sql -At -c "select '  ' || relname || ': ' || pg_size_pretty(pg_relation_size(oid)) from pg_class
            where relname in ('obligation_open_authority_kind_due', 'notice_live_channel', 'notice_due', 'notice_sending')"

echo "== after"
time_it "obligations open/overdue" "$OBLIGATIONS_SQL" "$TODAY"
time_it "notices live (SCHEDULED, SENDING)" "$NOTICES_LIVE_SQL"

echo "== FAILED, were it a gauge (a partial index on channel where FAILED, built and dropped here)"
time_it "notices FAILED, no index" "$NOTICES_FAILED_SQL"
sql -c "create index gauges_failed_channel on notice (channel) where status = 'FAILED'" -c "vacuum (analyze) notice"
time_it "notices FAILED, partial index" "$NOTICES_FAILED_SQL"
sql -c "drop index gauges_failed_channel"
