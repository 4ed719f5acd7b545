#!/usr/bin/env bash
# Re-dating after a calendar change (BENCHMARKS.md, issue 13): how long a start takes to compute a council's open
# obligations again when its calendar changed, what it writes, and that the start after it does nothing.
#
#   bench/redating.sh                         # 1,000,000 open obligations, scenarios "same", "day" and "fridays"
#                                             # (about 7 min on 2 cores: seed 1.5 min, then about 5 min)
#   OBLIGATIONS=20000 bench/redating.sh       # a quick check of the harness (about 3 min)
#
# Seed (once, into bench_redating_seed, migrated by the service): OBLIGATIONS open obligations of Durham over CASES
# cases (default 2/5 of OBLIGATIONS: 400,000 for 1M), each case with a lead professional who has an email (the owner
# every due-date-changed notice goes to), written with generate_series in SQL. The obligations follow Durham's bundled
# rules, so that re-dating takes its real path (rule, due rule, dates counted from), one kind per round of cases (the
# database allows one open CARE_TEAM_MEETING and one PLAN_REVIEW per case):
#   round 0  CARE_TEAM_MEETING            U5#5  8 weeks from the meeting (due_from = due_date - 8 weeks)
#   round 1  PLAN_REVIEW                  U1#9  the date agreed at the review (due_agreed = due_date)
#   round 2+ MEETING_RECORD_DISTRIBUTION  U3#3  10 working days from the planning meeting
# Due dates: working days (England and Wales bank holidays left out) from a week to two years ahead, spread evenly;
# one reminder_rung per obligation (before-5 at 08:30 London); calendar_fp 'old' (not the calendar in force) and
# policy_version '1'. Then VACUUM ANALYZE and a checkpoint, as a table that has been in use would be.
#
# Each scenario runs on a fresh copy of the seed (CREATE DATABASE ... TEMPLATE):
#   same     Durham's calendar as bundled, its calendar_state row deleted: every obligation computed again, none
#            should move (checks that the seed agrees with the engine; the first start after V16 is like this)
#   day      REMINDERS_CLOSURES_DURHAM=CLOSURE_DAY, one extra closure day (default: the first Wednesday two months
#            ahead): the due dates on it move back a day, the record distributions counting across it a day on
#   fridays  every Friday of the next two years a closure day: a heavy share of due dates moves (the moved path:
#            history, ladder, notice), not a realistic change
# For each, start 1 (the re-dating):
#   - launch → the log line "Calendar of durham changed", and the re-dating proper: from its first read of
#     calendar_state (PostgreSQL's log) to that line, which gives obligations/s;
#   - the service's and PostgreSQL's CPU from launch to the line; the service's peak RSS and heap (GC log);
#   - the rows written: history, notices, rungs, obligations updated and how many of those updates were HOT;
#   - every statement's time in PostgreSQL, summed by statement (log_min_duration_statement = 0 on the copy,
#     parameters not logged); the tables' sizes before and after.
# Start 2, same configuration: must log no re-dating and update no obligation; its calendar check's time is read
# from PostgreSQL's log (the reads of calendar_state).
# The service runs with the notice loops off (the due-date-changed notices stay SCHEDULED), email discarded,
# -Xmx BENCH_XMX (256m) and BENCH_JAVA_OPTS (-XX:+UseSerialGC) as in the pod, no class-data-sharing archive.
# Results: one JSON line per scenario and start in bench/out/results-redating-<stamp>.jsonl, a table in
# bench/out/redating-<stamp>.md.
#
# Environment: OBLIGATIONS (1000000), CASES, SCENARIOS ("same day fridays"), CLOSURE_DAY (yyyy-mm-dd),
# BATCH_SIZE (reminders.redating.batch-size, the service's default 500 when unset), TIMEOUT (7200 s per re-dating),
# BENCH_REUSE_SEED=1 (keep a seed of the same OBLIGATIONS and CASES from an earlier run), BENCH_SKIP_BUILD=1,
# BENCH_KEEP_INFRA=1, BENCH_XMX, BENCH_JAVA_OPTS. Uses bench/infra.sh's PostgreSQL and Kafka (Kafka only because the
# service needs it).
set -euo pipefail

source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
cd "$ROOT"

OBLIGATIONS="${OBLIGATIONS:-1000000}"
CASES="${CASES:-$(( (OBLIGATIONS * 2 + 4) / 5 ))}"
SCENARIOS="${SCENARIOS:-same day fridays}"
TIMEOUT="${TIMEOUT:-7200}"
BATCH="${BATCH_SIZE:-500}"
SEED_DB=bench_redating_seed
DB=bench_redating
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
export BENCH_RESULTS="$OUT/results-redating-$STAMP.jsonl"
: > "$BENCH_RESULTS"
REPORT_MD="$OUT/redating-$STAMP.md"
PGLOG="$LOGS/postgres.log"
CDS="" # no class-data-sharing archive: one made by another build would be refused anyway
BASE_JAVA_OPTS="$JAVA_OPTS_BENCH"

# The first Wednesday at least 60 days ahead (no bank holiday falls on it in these years).
if [[ -z "${CLOSURE_DAY:-}" ]]; then
    for ((i = 60; i < 67; i++)); do
        d="$(date -u -d "today + $i days" +%F)"
        [[ "$(date -u -d "$d" +%u)" == "3" ]] && { CLOSURE_DAY="$d"; break; }
    done
fi
FRIDAYS="$(for ((i = 1; i <= 740; i++)); do
    d="$(date -u -d "today + $i days" +%F)"
    if [[ "$(date -u -d "$d" +%u)" == 5 ]]; then echo "$d"; fi
done | paste -sd,)"

if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    say "building the service and the harness (./mvnw -q -B -o package -DskipTests; ... -f bench/pom.xml package)"
    ./mvnw -q -B -o package -DskipTests
    ./mvnw -q -B -o -f bench/pom.xml package
fi
CP="$(bench_cp)"
"$HERE/infra.sh" start pg kafka

cleanup() {
    stop_service
    if [[ "${BENCH_KEEP_INFRA:-}" != "1" ]]; then "$HERE/infra.sh" stop kafka pg || true; fi
}
trap cleanup EXIT

q() { "${PG_ADMIN[@]}" -d "$1" -c "$2"; } # db sql: one value (or rows, |-separated)

# ---- Seed --------------------------------------------------------------------------------------------------------
seed_matches() {
    [[ "$("${PG_ADMIN[@]}" -c "select 1 from pg_database where datname = '$SEED_DB'")" == "1" ]] || return 1
    [[ "$(q "$SEED_DB" "select count(*) from obligation")" == "$OBLIGATIONS" ]] \
        && [[ "$(q "$SEED_DB" "select count(*) from case_record")" == "$CASES" ]]
}

seed() {
    if [[ "${BENCH_REUSE_SEED:-}" == "1" ]] && seed_matches; then
        say "reusing $SEED_DB ($OBLIGATIONS obligations, $CASES cases; BENCH_REUSE_SEED=1)"
        return
    fi
    fresh_db "$SEED_DB"
    migrate "$SEED_DB"
    say "seeding $OBLIGATIONS open obligations of durham over $CASES cases into $SEED_DB"
    local t0=$(date +%s%3N)
    "${PG_ADMIN[@]}" -d "$SEED_DB" -v n="$OBLIGATIONS" -v cases="$CASES" <<'SQL'
-- England and Wales bank holidays from 2026 to 2029 (gov.uk; what the service's computed calendar gives).
create temporary table bh (d date primary key);
insert into bh values ('2026-01-01'), ('2026-04-03'), ('2026-04-06'), ('2026-05-04'), ('2026-05-25'), ('2026-08-31'),
    ('2026-12-25'), ('2026-12-28'), ('2027-01-01'), ('2027-03-26'), ('2027-03-29'), ('2027-05-03'), ('2027-05-31'),
    ('2027-08-30'), ('2027-12-27'), ('2027-12-28'), ('2028-01-03'), ('2028-04-14'), ('2028-04-17'), ('2028-05-01'),
    ('2028-05-29'), ('2028-08-28'), ('2028-12-25'), ('2028-12-26'), ('2029-01-01'), ('2029-03-30'), ('2029-04-02'),
    ('2029-05-07'), ('2029-05-28'), ('2029-08-27'), ('2029-12-25'), ('2029-12-26');
-- Working days, numbered: the n-th working day after day k is day k + n.
create temporary table wd as
    select d::date as d, (row_number() over (order by d))::int as n
    from generate_series(current_date - 60, current_date + 800, interval '1 day') d
    where extract(isodow from d) < 6 and d::date not in (select d from bh);
create unique index on wd (n);
analyze wd;
-- Due dates: from a week ahead (so that before-5 is still to come) to two years ahead.
select min(n) as lo, max(n) as hi from wd where d > current_date + 7 and d <= current_date + 730 \gset

insert into case_record (case_id, authority, plan_type, opened_on, plan_start, team)
    select 'RD-' || c, 'durham', 'CHILD_IN_NEED', current_date - 400 + c % 300, current_date - 400 + c % 300,
           'team-' || c % 40
    from generate_series(0, :cases - 1) c;
insert into participant (authority, case_id, participant_id, position, role, name, email, preferred_channel, language)
    select 'durham', 'RD-' || c, 'lp', 0, 'LEAD_PROFESSIONAL', 'Lead ' || c, 'lp' || c || '@redating.bench.example',
           'EMAIL', 'en'
    from generate_series(0, :cases - 1) c;

create temporary table seed as
    select g, g % :cases as c, g / :cases as round, :lo + ((hashint8(g) & 2147483647) % (:hi - :lo + 1))::int as n
    from generate_series(0, :n - 1) g;
create temporary table o as
    select gen_random_uuid() as id, s.g, s.c, w.d as due, r.n as rung_n,
           case when s.round = 0 then 'CARE_TEAM_MEETING' when s.round = 1 then 'PLAN_REVIEW'
                else 'MEETING_RECORD_DISTRIBUTION' end as kind,
           case when s.round = 0 then 'U5' when s.round = 1 then 'U1' else 'U3' end as rule_id,
           case when s.round = 0 then 'U5#5' when s.round = 1 then 'U1#9' else 'U3#3' end as rule_key,
           case when s.round = 0 then w.d - 56 when s.round = 1 then null else f.d end as due_from,
           case when s.round = 1 then w.d end as due_agreed,
           case when s.round >= 2 then f.d else w.d - 56 end as triggered_on,
           case when s.round >= 2 then 'PLANNING_MEETING' end as record_kind
    from seed s join wd w on w.n = s.n join wd f on f.n = s.n - 10 join wd r on r.n = s.n - 5;
insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role, owner_participant_id,
                        triggered_by_source, triggered_by_id, triggered_on, breach, record_kind, policy_version,
                        rule_key, due_rule_key, due_from, due_agreed, calendar_fp, beyond_calendar)
    select id, 'RD-' || c, 'durham', kind, rule_id, due, 'OPEN', 'LEAD_PROFESSIONAL', 'lp',
           'urn:cms:durham', 'redating-' || g, triggered_on, false, record_kind, '1',
           rule_key, rule_key, due_from, due_agreed, 'old', false
    from o;
insert into reminder_rung (obligation_id, authority, due_at, step)
    select o.id, 'durham', (w.d + time '08:30') at time zone 'Europe/London', 'before-5'
    from o join wd w on w.n = o.rung_n;
select kind, count(*), min(due), max(due) from o group by kind order by kind;
SQL
    say "seeded in $(( ($(date +%s%3N) - t0) / 1000 )) s; vacuum analyze"
    "${PG_ADMIN[@]}" -d "$SEED_DB" -c "vacuum analyze"
    "${PG_ADMIN[@]}" -c "checkpoint"
}

# ---- Figures -------------------------------------------------------------------------------------------------------
mb() { awk -v b="$1" 'BEGIN {printf "%.0f", b / 1048576}'; }
# Heap, indexes (with TOAST) of the tables re-dating reads and writes, as "table heap+indexes MB" words.
sizes() { # db
    q "$1" "select string_agg(format('%s %s+%s', relname, round(pg_relation_size(relid) / 1048576.0),
                round((pg_total_relation_size(relid) - pg_relation_size(relid)) / 1048576.0)), ', ' order by relname)
            from pg_stat_user_tables
            where relname in ('obligation', 'reminder_rung', 'notice', 'obligation_history', 'participant')"
}
# The GC log of a start: the most heap in use before a collection, the heap's size, collections, pause time.
gc_figures() { # gc log
    awk '/Pause/ {
            if (match($0, /[0-9]+M->[0-9]+M\([0-9]+M\)/)) {
                s = substr($0, RSTART, RLENGTH); split(s, a, /M->|M\(|M\)/)
                if (a[1] + 0 > peak) peak = a[1] + 0; cap = a[3] + 0
            }
            if (match($0, /[0-9.]+ms$/)) { ms += substr($0, RSTART, RLENGTH - 2) }
            n++
         }
         END { printf "%d %d %d %.0f", peak, cap, n, ms }' "$1"
}
log_ms() { # a service log line → epoch ms of its timestamp
    date -d "$(awk '{print $1" "$2}' <<< "$1" | tr ',' '.')" +%s%3N
}
# PostgreSQL's log between two byte offsets: the time in each statement (parse, bind, execute and simple queries
# summed), by its first words, as markdown rows sorted by time; all statements' time; the calendar_state reads.
statement_times() { # from to (byte offsets)
    head -c "$2" "$PGLOG" | tail -c +"$(( $1 + 1 ))" | awk '
        /LOG:  duration: / {
            ms = $0; sub(/.*duration: /, "", ms); sub(/ ms.*/, "", ms)
            t = $0; sub(/.*ms  (parse|bind|execute) [^:]*: /, "", t); sub(/.*ms  statement: /, "", t)
            gsub(/[ \t]+/, " ", t); t = substr(t, 1, 60)
            if (t == "" || t == " ") next
            sum[t] += ms; if ($0 ~ /ms  (execute [^:]*|statement): /) cnt[t]++
            total += ms
        }
        END { for (t in sum) printf "| `%s` | %d | %.1f | %.0f%% |\n", t, cnt[t], sum[t] / 1000, 100 * sum[t] / total }' \
        | sort -t'|' -k4 -g -r
}
statement_total() { # from to → seconds of all the statements
    head -c "$2" "$PGLOG" | tail -c +"$(( $1 + 1 ))" \
        | awk '/LOG:  duration: / {ms = $0; sub(/.*duration: /, "", ms); sub(/ ms.*/, "", ms); t += ms}
               END {printf "%.1f", t / 1000}'
}
calendar_reads() { # from [to] → "first_ms last_ms count" of the executions reading calendar_state
    head -c "${2:-$(stat -c %s "$PGLOG")}" "$PGLOG" | tail -c +"$(( $1 + 1 ))" \
        | { grep -E 'execute [^:]*: select fingerprint from calendar_state' || true; } \
        | awk '{print $1" "$2" "$3}' | while read -r ts; do date -d "$ts" +%s%3N; done \
        | awk 'NR == 1 {f = $1} {l = $1; n++} END {printf "%s %s %d", f, l, n}'
}
table_stats() { # db table → "inserted updated hot"
    q "$1" "select n_tup_ins || ' ' || n_tup_upd || ' ' || n_tup_hot_upd from pg_stat_user_tables where relname = '$2'"
}

declare -A FIG # the report's figures: FIG[scenario:figure]
SCEN_DONE=()

scenario() { # name
    local name=$1 closures="" extra=()
    case "$name" in
        same) ;;
        day) closures="$CLOSURE_DAY" ;;
        fridays) closures="$FRIDAYS" ;;
        *) say "unknown scenario $name (same, day, fridays)"; exit 2 ;;
    esac
    [[ -n "$closures" ]] && extra+=(REMINDERS_CLOSURES_DURHAM="$closures")
    [[ -n "${BATCH_SIZE:-}" ]] && extra+=(REMINDERS_REDATING_BATCH_SIZE="$BATCH_SIZE")
    say "scenario $name: a fresh copy of $SEED_DB"
    "${PG_ADMIN[@]}" -c "drop database if exists $DB with (force)"
    "${PG_ADMIN[@]}" -c "create database $DB owner bench template $SEED_DB strategy file_copy"
    [[ "$name" == "same" ]] && q "$DB" "delete from calendar_state where authority = 'durham'" > /dev/null
    q "$DB" "alter database $DB set log_min_duration_statement = 0" > /dev/null
    q "$DB" "alter database $DB set log_parameter_max_length = 0" > /dev/null
    "${PG_ADMIN[@]}" -c "checkpoint"
    local size_before; size_before="$(sizes "$DB")"
    local open_before; open_before="$(q "$DB" "select count(*) from obligation where status = 'OPEN'")"

    # ---- Start 1: the re-dating.
    tool bench.Topics reset --bootstrap "$BOOTSTRAP"
    local label="redating-$name-1" gclog="$LOGS/gc-redating-$name-1.log" off pg0 line="" line_ms now_ms
    rm -f "$gclog"
    off=$(stat -c %s "$PGLOG")
    pg0=$(pg_ticks)
    JAVA_OPTS_BENCH="$BASE_JAVA_OPTS -Xlog:gc:file=$gclog"
    start_service "$label" "$DB" 0 NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard "${extra[@]}"
    local log="$LOGS/service-$label.log" started_ms=$(( LAUNCH_MS + STARTED_MS )) ready1=$READY_MS
    say "scenario $name: waiting for 'Calendar of durham changed' (up to $TIMEOUT s)"
    while :; do
        line="$(grep -m1 'Calendar of durham changed' "$log" || true)"
        [[ -n "$line" ]] && break
        if grep -q 'Re-dating after a calendar change failed' "$log"; then say "re-dating failed; see $log"; exit 1; fi
        kill -0 "$SERVICE_PID" 2>/dev/null || { say "the service died; see $log"; exit 1; }
        now_ms=$(date +%s%3N)
        (( now_ms - LAUNCH_MS > TIMEOUT * 1000 )) && { say "no re-dating line after $TIMEOUT s"; exit 1; }
        sleep 0.2
    done
    line_ms=$(log_ms "$line")
    local off_end launch1=$LAUNCH_MS first_read
    off_end=$(stat -c %s "$PGLOG") # the service's statements up to here; the harness's own queries come after
    first_read="$(calendar_reads "$off" "$off_end" | cut -d' ' -f1)"
    [[ -z "$first_read" ]] && first_read=$started_ms
    local svc_cpu pg_cpu hwm heap
    svc_cpu=$(ticks_of "$SERVICE_PID"); pg_cpu=$(( $(pg_ticks) - pg0 )); hwm=$(proc_kib "$SERVICE_PID" VmHWM)
    heap="$(gc_figures "$gclog")"
    local computed moved from_fp to_fp
    computed="$(sed -E 's/.*: ([0-9]+) open obligations computed again.*/\1/' <<< "$line")"
    moved="$(sed -E 's/.*again, ([0-9]+) due dates moved.*/\1/' <<< "$line")"
    from_fp="$(sed -E 's/.*changed \(([^ ]+) to ([^)]+)\).*/\1/' <<< "$line")"
    to_fp="$(sed -E 's/.*changed \(([^ ]+) to ([^)]+)\).*/\2/' <<< "$line")"
    say "scenario $name: $line"
    sleep 2
    stop_service # the backends exit: their table statistics are flushed
    local redate_ms=$(( line_ms - first_read )) batches=$(( (computed + BATCH - 1) / BATCH ))
    local hist notices notices_by rest obl rung size_after moved_by stmts
    hist="$(q "$DB" "select count(*) from obligation_history")"
    notices="$(q "$DB" "select count(*) from notice where template = 'due-date-changed'")"
    notices_by="$(q "$DB" "select coalesce(string_agg(status || ' ' || channel || ' ' || n, ', '), 'none')
        from (select status, channel, count(*) n from notice where template = 'due-date-changed'
              group by 1, 2 order by 1, 2) x")"
    moved_by="$(q "$DB" "select coalesce(string_agg(kind || ' ' || n, ', '), 'none')
        from (select o.kind, count(*) n from obligation_history h join obligation o on o.id = h.obligation_id
              group by 1 order by 1) x")"
    rest="$(q "$DB" "select count(*) from obligation where status = 'OPEN' and due_date is not null
        and calendar_fp is distinct from (select fingerprint from calendar_state where authority = 'durham')")"
    obl="$(table_stats "$DB" obligation)"; rung="$(table_stats "$DB" reminder_rung)"
    size_after="$(sizes "$DB")"
    stmts="$(statement_times "$off" "$off_end")"
    local stmt_total; stmt_total="$(statement_total "$off" "$off_end")"
    record "redating_$name" "obligations=$open_before" "computed=$computed" "moved=$moved" "batches=$batches" \
        "launch_to_line_ms=$(( line_ms - launch1 ))" "started_to_line_ms=$(( line_ms - started_ms ))" \
        "first_check_to_line_ms=$redate_ms" "ready_ms=$ready1" \
        "per_s=$(awk -v c="$computed" -v m="$redate_ms" 'BEGIN {printf "%.0f", c / (m / 1000)}')" \
        "service_cpu_s=$(awk -v x="$svc_cpu" 'BEGIN {print x / 100}')" \
        "postgres_cpu_s=$(awk -v x="$pg_cpu" 'BEGIN {print x / 100}')" \
        "peak_rss_kib=$hwm" "heap_peak_mb=$(cut -d' ' -f1 <<< "$heap")" "heap_mb=$(cut -d' ' -f2 <<< "$heap")" \
        "gcs=$(cut -d' ' -f3 <<< "$heap")" "gc_pause_ms=$(cut -d' ' -f4 <<< "$heap")" \
        "statements_s=$stmt_total" "history=$hist" "notices=$notices" "left_in_old_calendar=$rest" \
        "obligation_ins_upd_hot=\"$obl\"" "rung_ins_upd_hot=\"$rung\"" \
        "sizes_before_mb=\"$size_before\"" "sizes_after_mb=\"$size_after\"" \
        "closures=\"$(cut -c1-40 <<< "$closures")\"" > /dev/null

    # ---- Start 2: the same configuration again.
    tool bench.Topics reset --bootstrap "$BOOTSTRAP"
    label="redating-$name-2"; gclog="$LOGS/gc-redating-$name-2.log"; rm -f "$gclog"
    off=$(stat -c %s "$PGLOG")
    local hist2_before; hist2_before="$hist"
    JAVA_OPTS_BENCH="$BASE_JAVA_OPTS -Xlog:gc:file=$gclog"
    start_service "$label" "$DB" 0 NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard "${extra[@]}"
    local ready2=$READY_MS launch2=$LAUNCH_MS
    sleep 10
    local line2; line2="$(grep -c 'Calendar of ' "$LOGS/service-$label.log" || true)"
    stop_service
    local reads obl2 hist2 first last n2
    reads="$(calendar_reads "$off")"; read -r first last n2 <<< "$reads"
    obl2="$(table_stats "$DB" obligation)"
    hist2="$(q "$DB" "select count(*) from obligation_history")"
    local check_ms="null" check_from_launch="null"
    if [[ -n "$first" && -n "$last" ]]; then check_ms=$(( last - first )); check_from_launch=$(( last - launch2 )); fi
    record "redating_${name}_second_start" "ready_ms=$ready2" "calendar_reads=${n2:-0}" "check_ms=$check_ms" \
        "launch_to_last_check_ms=$check_from_launch" "redating_lines=$line2" \
        "obligation_updates=$(( $(cut -d' ' -f2 <<< "$obl2") - $(cut -d' ' -f2 <<< "$obl") ))" \
        "history_added=$(( hist2 - hist2_before ))" > /dev/null

    case "$name" in
        same) FIG[$name:closures]="none (calendar_state row deleted)" ;;
        fridays) FIG[$name:closures]="$(tr ',' '\n' <<< "$closures" | wc -l) Fridays, $(cut -d, -f1 <<< "$closures") … ${closures##*,}" ;;
        *) FIG[$name:closures]="$closures" ;;
    esac
    FIG[$name:obligations]="$open_before"
    FIG[$name:computed]="$computed"
    FIG[$name:moved]="$moved ($(awk -v m="$moved" -v c="$computed" 'BEGIN {printf "%.1f", (c ? 100 * m / c : 0)}') %)"
    FIG[$name:moved_by]="$moved_by"
    FIG[$name:batches]="$batches"
    FIG[$name:fp]="$from_fp → $to_fp"
    FIG[$name:wall]="$(awk -v x=$(( line_ms - launch1 )) 'BEGIN {printf "%.1f s", x / 1000}')"
    FIG[$name:started]="$(awk -v x=$(( line_ms - started_ms )) 'BEGIN {printf "%.1f s", x / 1000}')"
    FIG[$name:redate]="$(awk -v x="$redate_ms" 'BEGIN {printf "%.1f s", x / 1000}')"
    FIG[$name:rate]="$(awk -v c="$computed" -v m="$redate_ms" 'BEGIN {printf "%.0f", c / (m / 1000)}')"
    FIG[$name:ready]="$ready1 ms"
    FIG[$name:cpu]="$(awk -v s="$svc_cpu" -v p="$pg_cpu" 'BEGIN {printf "%.1f / %.1f", s / 100, p / 100}')"
    local hp hc gcn gcms
    read -r hp hc gcn gcms <<< "$heap"
    FIG[$name:mem]="$(( hwm / 1024 )) MiB / $hp of $hc MiB, $gcn GCs, $gcms ms"
    FIG[$name:hist]="$hist"
    FIG[$name:notices]="$notices ($notices_by)"
    FIG[$name:obl]="$(read -r i u h <<< "$obl"; echo "$u updated, $h HOT")"
    FIG[$name:rung]="$(read -r i u h <<< "$rung"; echo "$u updated, $i inserted")"
    FIG[$name:rest]="$rest"
    FIG[$name:before]="$size_before"
    FIG[$name:after]="$size_after"
    FIG[$name:second]="ready $ready2 ms; ${n2:-0} calendar_state reads in ${check_ms} ms, the last ${check_from_launch} ms"
    FIG[$name:second]+=" after launch; $line2 re-dating lines; $(( $(cut -d' ' -f2 <<< "$obl2") - $(cut -d' ' -f2 <<< "$obl") ))"
    FIG[$name:second]+=" obligations updated, $(( hist2 - hist2_before )) history rows added"
    FIG[$name:stmts]="$stmts"
    FIG[$name:stmt_total]="$stmt_total"
    SCEN_DONE+=("$name")
    "${PG_ADMIN[@]}" -c "drop database if exists $DB with (force)"
}

seed
say "scenarios: $SCENARIOS (closure day $CLOSURE_DAY)"
for s in $SCENARIOS; do
    scenario "$s"
done

{
    echo "# Re-dating after a calendar change: $OBLIGATIONS open obligations of durham, $CASES cases ($STAMP)"
    echo
    printf '| |'; for s in "${SCEN_DONE[@]}"; do printf ' %s |' "$s"; done; echo
    printf '|---|'; for s in "${SCEN_DONE[@]}"; do printf -- '---:|'; done; echo
    row() { # label key
        printf '| %s |' "$1"; for s in "${SCEN_DONE[@]}"; do printf ' %s |' "${FIG[$s:$2]}"; done; echo
    }
    row "extra closure days" closures
    row "open obligations" obligations
    row "computed again (the log line)" computed
    row "due dates moved (the log line)" moved
    row "moved, by kind (obligation_history)" moved_by
    row "batches of $BATCH" batches
    row "calendar fingerprint" fp
    row "launch → log line" wall
    row "'started in' → log line" started
    row "re-dating: its first calendar_state read → log line" redate
    row "obligations/s (computed ÷ re-dating)" rate
    row "launch → ready (start 1)" ready
    row "CPU launch → log line, service / PostgreSQL (s)" cpu
    row "service peak RSS / peak heap before a GC, of the heap / GCs, pause" mem
    row "obligation_history rows" hist
    row "due-date-changed notices (status channel n)" notices
    row "obligation rows (pg_stat)" obl
    row "reminder_rung rows (pg_stat)" rung
    row "open obligations still in another calendar" rest
    row "MB heap+indexes before" before
    row "MB heap+indexes after" after
    row "second start, same configuration" second
    for s in "${SCEN_DONE[@]}"; do
        echo
        echo "Time in PostgreSQL by statement, start 1 of \"$s\" (log_min_duration_statement = 0; parse, bind and"
        echo "execute summed; ${FIG[$s:stmt_total]} s in all statements, launch → log line):"
        echo
        echo "| statement | executions | s | share |"
        echo "|---|---:|---:|---:|"
        head -12 <<< "${FIG[$s:stmts]}"
    done
    echo
    echo "Load at the end: $(cut -d' ' -f1-3 /proc/loadavg); machine $(nproc) cores; $(java -version 2>&1 | head -1)"
    echo "Commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench 2>/dev/null || echo ' (with uncommitted changes)')"
} > "$REPORT_MD"
say "re-dating: figures in $REPORT_MD and $BENCH_RESULTS"
cat "$REPORT_MD"
