#!/usr/bin/env bash
# The event-fed national data set (issue 14): case histories fed through Kafka to the running service, as
# bench.EventGen feeds the ingest measure, so that every obligation, reminder ladder and notice in the database is
# what the service itself wrote. The result is kept as the template database national_tpl_<CASES>, which
# `FILL=events bench/readpath.sh` measures instead of the SQL-filled readpath_tpl_<CASES>.
#
#   bench/national.sh                         # 400,000 cases (see BENCHMARKS.md for how long that takes here)
#   CASES=4000 bench/national.sh              # a few minutes: checks the harness
#
# What it builds (bench/src/main/java/bench/NationalBuilder.java):
#   * CASES / CASELOAD lead professionals in teams of TEAM_SIZE, a team manager each, teams spread over the five
#     bundled councils; each case goes to a lead at random (caseloads vary around CASELOAD) and is put in the lead's
#     team by a cin.case.transferred on the day it opens;
#   * family (child, one or two parents, sometimes a carer; email, text and post mixed; addresses), agencies;
#   * a history ending 0..WINDOW days before today, MEAN_HISTORY days long on average (exponential, at most
#     MAX_HISTORY): referral, assessment, initial plan, planning meeting and its record, the plan, then visits,
#     care-team meetings and their records, reviews (invited, held, recorded, the plan sometimes amended), working
#     agreements and changes of circumstances; CLOSED of the cases end with a closing review and cin.case.closed.
#
# How the notice history is made: the history is produced in steps of STEP_DAYS. For each step the service is
# started with its clock (REMINDERS_CLOCK_START) at the step's last day, the step's events are produced at RATE
# events/s, and the harness waits until the group has committed them all and nothing is due on the service's clock
# (bench.NationalBuilder drain). So copies, invitations and reminders are sent within STEP_DAYS of the day they were
# due, not all on the day of the build. The consequences: (a) a reminder ladder runs only at the steps, and after a
# clock jump it sends only its latest due rung (by design), so an overdue obligation gets one escalation per step,
# not one every escalateEvery working days; a reminder before a due date that a later event of the same step
# fulfilled is never sent; (b) a notice's sent_at is the step's day, at the time of day the step ran. STEP_DAYS=0
# runs one step, the service's clock at today: every notice sent on the build's day, overdue escalations collapsed to
# the latest rung. Each step's clock starts SETTLE_S seconds (960) behind the step's day at the wall clock's time,
# and a last start on the system clock sends what the service holds back after back-dated events (a reminder born
# past waits 15 minutes after its case's last event: the catch-up settle period), so nothing is dated in the future.
# Channels: email discarded after rendering (NOTICES_EMAIL_PROVIDER=discard: SENT), texts and letters to a Notify
# stub of this script's own (no rate limit to speak of; a text to 07700 900999, 3 % of family mobiles, refused as
# "not a UK mobile": FAILED, and the lead professional told), letters at most LETTERS_PER_DAY a day.
#
# Environment: CASES (400000), CASELOAD (20), TEAM_SIZE (8), CLOSED (0.05), WINDOW (180), MEAN_HISTORY (45),
# MAX_HISTORY (730), SEED (14), STEP_DAYS (30), RATE (events/s per step, 4000; 0 unpaced), LETTERS_PER_DAY (1000000),
# BENCH_NATIONAL_NOTIFY_PORT (22593), BENCH_XMX (512m), BENCH_KEEP_INFRA=1, BENCH_KEEP_BUILD_DB=1 (keep the working
# database national_build instead of renaming it). Uses bench/infra.sh's PostgreSQL and Kafka and this checkout's
# target/quarkus-app (built if missing); stops what it started.
# Output: bench/out/national/<stamp>/ (results.jsonl, summary.md), the template national_tpl_<CASES>.
set -euo pipefail

source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

CASES="${CASES:-400000}"
CASELOAD="${CASELOAD:-20}"
TEAM_SIZE="${TEAM_SIZE:-8}"
CLOSED="${CLOSED:-0.05}"
WINDOW="${WINDOW:-180}"
MEAN_HISTORY="${MEAN_HISTORY:-45}"
MAX_HISTORY="${MAX_HISTORY:-730}"
SEED="${SEED:-14}"
STEP_DAYS="${STEP_DAYS:-30}"
RATE="${RATE:-4000}"
SETTLE_S="${SETTLE_S:-960}"
LETTERS_PER_DAY="${LETTERS_PER_DAY:-1000000}"
XMX="${BENCH_XMX:-512m}"
NOTIFY_PORT="${BENCH_NATIONAL_NOTIFY_PORT:-22593}"
NOTIFY_URL="http://127.0.0.1:$NOTIFY_PORT"
TODAY="$(date -u +%F)"
DB=national_build
TPL="national_tpl_$CASES"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$OUT/national/$STAMP"
mkdir -p "$RUN_DIR"
export BENCH_RESULTS="$RUN_DIR/results.jsonl"
: > "$BENCH_RESULTS"
CDS="" # no class-data-sharing archive: a bench-suite archive may be another build's
STARTED_INFRA=()
NOTIFY_PID=""
T_START=$(date +%s)
GEN=(--cases "$CASES" --caseload "$CASELOAD" --team-size "$TEAM_SIZE" --closed "$CLOSED" --window "$WINDOW"
     --mean-history "$MEAN_HISTORY" --max-history "$MAX_HISTORY" --seed "$SEED" --today "$TODAY")

cleanup() {
    local rc=$?
    stop_service
    if [[ -n "$NOTIFY_PID" ]]; then kill "$NOTIFY_PID" 2>/dev/null || true; wait "$NOTIFY_PID" 2>/dev/null || true; fi
    if [[ "${BENCH_KEEP_INFRA:-}" != "1" && ${#STARTED_INFRA[@]} -gt 0 ]]; then
        "$HERE/infra.sh" stop "${STARTED_INFRA[@]}" || true
    fi
    (( rc != 0 )) && say "stopped early (exit $rc); results so far: $BENCH_RESULTS"
    return $rc
}
trap cleanup EXIT

# ---- Builds and infrastructure -------------------------------------------------------------------------------
ensure_bench_built
CP="$(bench_cp)"
if [[ ! -f "$ROOT/target/quarkus-app/quarkus-run.jar" ]]; then
    say "building the service (./mvnw -B -ntp -o package -DskipTests)"
    (cd "$ROOT" && ./mvnw -q -B -ntp -o package -DskipTests)
fi
for w in pg kafka; do
    "$HERE/infra.sh" status "$w" | grep -q running || STARTED_INFRA=("$w" "${STARTED_INFRA[@]}")
done
"$HERE/infra.sh" start pg kafka
java -Xmx512m -cp "$HERE/target/bench.jar:$(jar_of wiremock-standalone)" bench.NotifyStub "$NOTIFY_PORT" 100000000 60 7700900999 \
    > "$LOGS/notify-national.log" 2>&1 &
NOTIFY_PID=$!
wait_port "$NOTIFY_PORT" 30 notify-stub
q() { "${PG_ADMIN[@]}" -d "$DB" -c "$1"; }

fresh_db "$DB"
tool bench.Topics reset --bootstrap "$BOOTSTRAP"

read -r FIRST EVENTS_ALL <<< "$(tool bench.NationalBuilder span "${GEN[@]}")"
say "$CASES cases, $EVENTS_ALL events from $FIRST to $TODAY; steps of $STEP_DAYS days at $RATE events/s"

# Steps: the last days of each step, oldest first, ending today.
STEPS=()
if [[ "$STEP_DAYS" == "0" ]]; then
    STEPS=("$TODAY")
else
    d="$TODAY"
    while [[ ! "$d" < "$FIRST" ]]; do STEPS=("$d" "${STEPS[@]}"); d="$(date -u -d "$d - $STEP_DAYS days" +%F)"; done
fi

SERVICE_SETTINGS=(NOTICES_LOOPS_ENABLED=true NOTICES_EMAIL_PROVIDER=discard NOTICES_SMS_PROVIDER=notify
    NOTICES_LETTER_PROVIDER=notify NOTIFY_BASE_URL="$NOTIFY_URL" NOTIFY_MAX_PER_MINUTE=6000000
    NOTIFY_LETTERS_PER_MINUTE=6000000 NOTIFY_LETTERS_PER_DAY="$LETTERS_PER_DAY"
    NOTIFY_LETTER_TEMPLATE_ID=2f3e4d5c-6b7a-4988-9877-665544332211)

# ---- The steps -----------------------------------------------------------------------------------------------
after=none
k=0
T_FEED=$(date +%s)
for until in "${STEPS[@]}"; do
    k=$((k + 1))
    clock="$(date -u -d "$until $(date -u +%T) $SETTLE_S seconds ago" +%FT%TZ)"
    start_service "national-step$k" "$DB" 0 "${SERVICE_SETTINGS[@]}" REMINDERS_CLOCK_START="$clock"
    offset_ms=$(( ($(date -u -d "$clock" +%s) * 1000) - LAUNCH_MS ))
    cpu_start
    t0=$(date +%s%3N)
    tool bench.NationalBuilder produce "${GEN[@]}" --bootstrap "$BOOTSTRAP" --after "$after" --until "$until" --rate "$RATE" > /dev/null
    tool bench.Topics await --bootstrap "$BOOTSTRAP" --timeout 7200 > "$RUN_DIR/await-$k.json"
    t1=$(date +%s%3N)
    tool bench.NationalBuilder drain --jdbc "$(jdbc "$DB")" --clock-offset-ms "$offset_ms" --timeout 7200 > /dev/null
    t2=$(date +%s%3N)
    cpu_record "national_step"
    record national_step "step=$k" "until=\"$until\"" "clock=\"$clock\"" "ingest_s=$(( t1 - t0 ))e-3" \
        "drain_s=$(( t2 - t1 ))e-3" "start_ms=$READY_MS" "dlq_total=$(sed -E 's/.*"dlq":([0-9]+).*/\1/' < "$RUN_DIR/await-$k.json")" > /dev/null
    say "step $k/${#STEPS[@]} (events to $until, clock $clock): ingested in $(( (t1 - t0) / 1000 )) s, drained in $(( (t2 - t1) / 1000 )) s"
    stop_service
    after="$until"
done
# The last start on the system clock: what waited for its case to settle goes now.
start_service "national-settle" "$DB" 0 "${SERVICE_SETTINGS[@]}"
t1=$(date +%s%3N)
tool bench.NationalBuilder drain --jdbc "$(jdbc "$DB")" --clock-offset-ms 0 --all-rungs --timeout 3600 > /dev/null
record national_settle "drain_s=$(( $(date +%s%3N) - t1 ))e-3" > /dev/null
stop_service
T_FED=$(date +%s)

# ---- What it made ----------------------------------------------------------------------------------------------
say "vacuum analyze"
q "vacuum analyze" > /dev/null
EVENTS_DONE="$(q "select count(*) from processed_event")"
DLQ_TOTAL="$(java -cp "$CP" bench.Topics count --bootstrap "$BOOTSTRAP" --topic case-events.dlq 2>/dev/null)"
SUMMARY="$RUN_DIR/summary.md"
{
    echo "- **Settings**: CASES=$CASES CASELOAD=$CASELOAD TEAM_SIZE=$TEAM_SIZE CLOSED=$CLOSED WINDOW=$WINDOW" \
         "MEAN_HISTORY=$MEAN_HISTORY MAX_HISTORY=$MAX_HISTORY SEED=$SEED STEP_DAYS=$STEP_DAYS RATE=$RATE; today $TODAY;" \
         "$(nproc) cores, shared; service -Xmx$XMX $JAVA_OPTS_BENCH."
    echo "- **Events**: $EVENTS_ALL produced ($FIRST to $TODAY) in ${#STEPS[@]} steps; $EVENTS_DONE processed_event rows;" \
         "$DLQ_TOTAL in the DLQ. Wall time $(( T_FED - T_START )) s in all (feeding and draining $(( T_FED - T_FEED )) s)."
    perl -ne 'if (/"measure":"national_step_cpu"/) { /"wall_s":([\d.]+)/ and $w += $1; /"service_cpu_s":([\d.]+)/ and $s += $1;
        /"postgres_cpu_s":([\d.]+)/ and $p += $1; /"kafka_cpu_s":([\d.]+)/ and $k += $1; }
        if (/"measure":"national_step"/) { /"ingest_s":([\d.e-]+)/ and $i += $1; /"drain_s":([\d.e-]+)/ and $d += $1; /"start_ms":(\d+)/ and $st += $1 / 1000; }
        END { printf "- **Time in the steps**: %.0f s with the service up (%.0f s ingesting, %.0f s draining after it, %.0f s starting); CPU: service %.0f s, PostgreSQL %.0f s, Kafka %.0f s.\n", $w, $i, $d, $st, $s, $p, $k }' "$BENCH_RESULTS"
    echo
    echo "| figure | value |"
    echo "|---|---:|"
    q "select format('| %s | %s |', k, v) from (values
        ('cases', (select count(*) from case_record)::text),
        ('cases closed', (select format('%s (%s %%)', count(*) filter (where closed_on is not null), round(100.0 * count(*) filter (where closed_on is not null) / count(*), 1)) from case_record)),
        ('councils / teams (case_record.team)', (select format('%s / %s', count(distinct authority), count(distinct (authority, team))) from case_record)),
        ('cases without a team', (select count(*) from case_record where team is null)::text),
        ('participants (per case)', (select format('%s (%s)', count(*), round(count(*)::numeric / (select count(*) from case_record), 2)) from participant)),
        ('lead professionals', (select count(distinct (authority, participant_id)) from participant where role = 'LEAD_PROFESSIONAL')::text),
        ('obligations (per case)', (select format('%s (%s)', count(*), round(count(*)::numeric / (select count(*) from case_record), 2)) from obligation)),
        ('obligations open / overdue today / completed / cancelled', (select format('%s / %s / %s / %s', count(*) filter (where status = 'OPEN'), count(*) filter (where status = 'OPEN' and due_date < current_date), count(*) filter (where status = 'COMPLETED'), count(*) filter (where status = 'CANCELLED')) from obligation)),
        ('reminder rungs pending', (select count(*) from reminder_rung)::text),
        ('notices (per case)', (select format('%s (%s)', count(*), round(count(*)::numeric / (select count(*) from case_record), 2)) from notice)),
        ('database size', pg_size_pretty(pg_database_size(current_database())))
      ) t(k, v)"
    echo
    echo "Notices by status (per case), and by template:"
    echo
    echo "| status | notices | per case | email | SMS | letter |"
    echo "|---|---:|---:|---:|---:|---:|"
    q "select format('| %s | %s | %s | %s | %s | %s |', status, count(*), round(count(*)::numeric / (select count(*) from case_record), 2),
            count(*) filter (where channel = 'EMAIL'), count(*) filter (where channel = 'SMS'), count(*) filter (where channel = 'LETTER'))
       from notice group by status order by count(*) desc"
    echo
    echo "| template | notices | SENT | FAILED | SUPPRESSED | SCHEDULED |"
    echo "|---|---:|---:|---:|---:|---:|"
    q "select format('| %s | %s | %s | %s | %s | %s |', template, count(*), count(*) filter (where status = 'SENT'),
            count(*) filter (where status = 'FAILED'), count(*) filter (where status = 'SUPPRESSED'), count(*) filter (where status = 'SCHEDULED'))
       from notice group by template order by count(*) desc"
    echo
    echo "Obligations by kind: $(q "select string_agg(format('%s %s', kind, n), ', ' order by n desc) from (select kind, count(*) n from obligation group by kind) x")."
    echo
    echo "Notices sent, by month of sent_at: $(q "select string_agg(format('%s %s', m, n), ', ' order by m) from (select to_char(sent_at, 'YYYY-MM') m, count(*) n from notice where sent_at is not null group by 1) x")."
    echo
    echo "Caseloads (open cases per lead professional, by the lead's participant row): $(q "with l as (select count(*) n from participant p join case_record c using (authority, case_id) where p.role = 'LEAD_PROFESSIONAL' and c.closed_on is null group by p.authority, p.participant_id)
        select format('%s leads; min %s, p10 %s, median %s, mean %s, p90 %s, max %s', count(*), min(n), percentile_disc(0.1) within group (order by n), percentile_disc(0.5) within group (order by n), round(avg(n), 1), percentile_disc(0.9) within group (order by n), max(n)) from l")."
    echo
    echo "Teams (case_record.team, set by the transfer events): $(q "with t as (select authority, team, count(*) n, count(*) filter (where closed_on is null) o from case_record group by 1, 2),
        lt as (select c.authority, c.team, count(distinct p.participant_id) leads from participant p join case_record c using (authority, case_id) where p.role = 'LEAD_PROFESSIONAL' group by 1, 2)
        select format('%s teams; cases per team min %s, median %s, max %s; lead professionals per team min %s, median %s, max %s', count(*), min(n), percentile_disc(0.5) within group (order by n), max(n),
            min(leads), percentile_disc(0.5) within group (order by leads), max(leads)) from t join lt using (authority, team)")."
    echo "Per council: $(q "select string_agg(format('%s %s cases / %s teams', authority, n, t), ', ' order by n desc) from (select authority, count(*) n, count(distinct team) t from case_record group by 1) x")."
} > "$SUMMARY"
cat "$SUMMARY"

if [[ "${BENCH_KEEP_BUILD_DB:-}" != "1" ]]; then
    "${PG_ADMIN[@]}" -c "drop database if exists $TPL with (force)"
    "${PG_ADMIN[@]}" -c "alter database $DB rename to $TPL"
    "${PG_ADMIN[@]}" -c "checkpoint"
    "${PG_ADMIN[@]}" -c "comment on database $TPL is 'national.sh cases=$CASES seed=$SEED step_days=$STEP_DAYS today=$TODAY build=$(git -C "$ROOT" rev-parse --short HEAD)'"
    say "template $TPL ready: FILL=events CASES=$CASES bench/readpath.sh measures it"
fi
say "summary: $SUMMARY; raw: $BENCH_RESULTS; service logs: $LOGS/service-national-*.log"
