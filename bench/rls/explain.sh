#!/usr/bin/env bash
# What row-level security (V9) costs PostgreSQL per row, on a database an ingest run of an RLS build left
# (bench_ingest after `BENCH_MEASURE=ingest bench/compare.sh A B`, whose last run is B's):
#
#   bench/rls/explain.sh [DB] [ROWS]        (bench_ingest, 200000; the infrastructure of bench/infra.sh running)
#
# Each statement runs in a transaction that is rolled back, alternately as the owner (bench: a superuser, which the
# policies do not restrict) and as the service (SET ROLE cin_service, cin.authorities set for the transaction to the
# five councils a benchmark ingest batch spans, as CouncilScope does), 3 times each:
#   insert  ROWS processed_event rows (the one row every event writes): the policy's WITH CHECK, once per row;
#   scan    count(*) of case_record: the policy's USING as a filter on every row read.
# Prints EXPLAIN (ANALYZE, BUFFERS) of the first of each and the execution times of all; per-row cost = the
# difference of the medians ÷ rows. Ports as bench/infra.sh (BENCH_PG_PORT).
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
source "$HERE/infra.sh"
DB="${1:-bench_ingest}"
ROWS="${2:-200000}"
COUNCILS="derbyshire,hillingdon,durham,walsall,portsmouth"
PSQL=(psql -h 127.0.0.1 -p "$BENCH_PG_PORT" -U bench -d "$DB" -qtAX -v ON_ERROR_STOP=1)

as_service="set local role cin_service; select set_config('cin.authorities', '$COUNCILS', true);"
insert="insert into processed_event (source, event_id, case_id, type, authority)
        select 'urn:bench:explain', 'e-' || g, 'C-' || g, 'CaseOpened', (string_to_array('$COUNCILS', ','))[1 + g % 5]
        from generate_series(1, $ROWS) g"
scan="select count(*) from case_record"

explain() { # who what sql → execution time (ms); the plan to stderr on the first round
    local who=$1 what=$2 sql=$3 pre="" out
    [[ "$who" == "service" ]] && pre="$as_service"
    out="$("${PSQL[@]}" -c "begin; $pre explain (analyze, buffers, costs off) $sql; rollback;" | grep -v '^$' | grep -v '^[a-z_]*,')"
    [[ "$round" == "1" ]] && { echo "--- $what as $who" >&2; echo "$out" >&2; }
    sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' <<< "$out"
}

declare -A times
for round in 1 2 3; do
    for what in insert scan; do
        for who in owner service; do
            sql=$insert; [[ "$what" == "scan" ]] && sql=$scan
            t="$(explain "$who" "$what" "$sql")"
            times[$what-$who]+="$t "
        done
    done
done
echo "rows inserted: $ROWS; case_record rows: $("${PSQL[@]}" -c "select count(*) from case_record")"
for what in insert scan; do
    for who in owner service; do echo "$what as $who: ${times[$what-$who]}ms"; done
done
