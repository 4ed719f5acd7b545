#!/usr/bin/env bash
# Letters: the daily cap and letters' share of the per-key pace, in one run (BENCHMARKS.md, issue 12).
#
#   bench/letters.sh
#
# LETTERS (30000) LETTER notices (parents with only a postal address) and TEXTS (40000) SMS notices (agencies with a
# UK mobile), all plan-copy and all due now, seeded straight into a database the service migrated; then the service
# dispatches them to a Notify stub of its own (bench.NotifyStub on BENCH_LETTERS_NOTIFY_PORT, 22591, accepting
# MAX_PER_MINUTE requests per rolling 60 s and counting letters by reference) with
#   NOTIFY_LETTERS_PER_DAY   = PER_DAY (20000, Notify's real daily letter limit: not scaled)
#   NOTIFY_MAX_PER_MINUTE    = MAX_PER_MINUTE (60000: Notify's 3,000 scaled by 20, so the run takes minutes, not hours)
#   NOTIFY_LETTERS_PER_MINUTE= LETTERS_PER_MINUTE (12000: the default 600 scaled by the same 20, the same 20 % share)
# bench.LettersResult waits until every text is SENT and every letter is SENT or waiting for the next day, and reports
# from the database and the stub. Results: one JSON line in bench/out/results-letters-<stamp>.jsonl and a table in
# bench/out/letters-<stamp>.md. Email goes nowhere (discard); Kafka is started only because the service needs it.
#
# Environment: LETTERS, TEXTS, PER_DAY, MAX_PER_MINUTE, LETTERS_PER_MINUTE, BENCH_SKIP_BUILD=1, BENCH_KEEP_INFRA=1,
# BENCH_XMX (256m). Uses bench/infra.sh's PostgreSQL and Kafka; starts and stops its own Notify stub.
# The cap is counted per UTC day (as Notify counts it): a run must not cross midnight UTC.
set -euo pipefail

source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
cd "$ROOT"

LETTERS="${LETTERS:-30000}"
TEXTS="${TEXTS:-40000}"
PER_DAY="${PER_DAY:-20000}"
MAX_PER_MINUTE="${MAX_PER_MINUTE:-60000}"
LETTERS_PER_MINUTE="${LETTERS_PER_MINUTE:-12000}"
STUB_PORT="${BENCH_LETTERS_NOTIFY_PORT:-22591}"
STUB_URL="http://127.0.0.1:$STUB_PORT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
export BENCH_RESULTS="$OUT/results-letters-$STAMP.jsonl"
: > "$BENCH_RESULTS"
REPORT_MD="$OUT/letters-$STAMP.md"

if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    say "building the service (./mvnw -q -B package -DskipTests) and the harness (./mvnw -q -B -f bench/pom.xml package)"
    ./mvnw -q -B package -DskipTests
    ./mvnw -q -B -f bench/pom.xml package
fi
CP="$(bench_cp)"
"$HERE/infra.sh" start pg kafka

STUB_PID=""
cleanup() {
    stop_service
    [[ -n "$STUB_PID" ]] && { kill "$STUB_PID" 2>/dev/null || true; wait "$STUB_PID" 2>/dev/null || true; }
    if [[ "${BENCH_KEEP_INFRA:-}" != "1" ]]; then "$HERE/infra.sh" stop kafka pg || true; fi
}
trap cleanup EXIT

java -Xmx512m -cp "$HERE/target/bench.jar:$(jar_of wiremock-standalone)" bench.NotifyStub "$STUB_PORT" "$MAX_PER_MINUTE" 60 \
    > "$LOGS/notify-stub-letters.log" 2>&1 &
STUB_PID=$!
for ((i = 0; i < 300; i++)); do curl -sf -o /dev/null "$STUB_URL/__bench/counters" && break; sleep 0.1; done

fresh_db bench_letters
migrate bench_letters

# As the fault suite seeds (src/test/java/cin/reminders/faults/Db.java): cases of 20 recipients and a lead
# professional, in Portsmouth (letters on, second class, in every bundled policy).
say "seeding $LETTERS letters and $TEXTS texts, all due now"
N=$(( LETTERS + TEXTS ))
"${PG_ADMIN[@]}" -d bench_letters <<SQL
insert into case_record (case_id, authority, plan_type)
  select 'L-' || g, 'portsmouth', 'CHILD_IN_NEED' from generate_series(0, ($N + 19) / 20 - 1) g;
insert into participant (authority, case_id, participant_id, position, role, name, email, preferred_channel, language)
  select 'portsmouth', 'L-' || g, 'lp', 0, 'LEAD_PROFESSIONAL', 'Lead ' || g, 'lp' || g || '@letters.bench.example', 'EMAIL', 'en'
  from generate_series(0, ($N + 19) / 20 - 1) g;
-- Letters and texts interleaved: of every (LETTERS + TEXTS) in order, the share of each is theirs.
create temporary table mix as
  select g, case when (g * $LETTERS::bigint) / $N <> ((g + 1) * $LETTERS::bigint) / $N then 'LETTER' else 'SMS' end as channel
  from generate_series(0, $N - 1) g;
insert into participant (authority, case_id, participant_id, position, role, name, email, mobile, preferred_channel,
                         language, address_lines, address_postcode)
  select 'portsmouth', 'L-' || (g / 20), 'r' || g, 1 + g % 20,
         case when channel = 'LETTER' then 'PARENT' else 'AGENCY' end,
         case when channel = 'LETTER' then 'Parent ' || g else 'Agency ' || g end,
         null,
         case when channel = 'LETTER' then null else '07700' || (900100 + g % 800)::text end,
         channel, 'en',
         case when channel = 'LETTER' then array[g || ' High Street', 'Walsall'] end,
         case when channel = 'LETTER' then 'WS1 1TP' end
  from mix;
insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id, recipient_role,
                    language, status, scheduled_for, next_attempt_at, data)
  select gen_random_uuid(), 'letters|' || g, 'L-' || (g / 20), 'portsmouth', 'plan-copy', channel, 'r' || g,
         case when channel = 'LETTER' then 'PARENT' else 'AGENCY' end, 'en', 'SCHEDULED', now(), now(),
         '{"documentUrl": "https://cms.example/p/1"}'::jsonb
  from mix;
select channel, count(*) from notice group by 1 order by 1;
SQL
"${PG_ADMIN[@]}" -d bench_letters -c "checkpoint"

curl -sf -XPOST "$STUB_URL/__bench/reset" > /dev/null
tool bench.Topics reset --bootstrap "$BOOTSTRAP"
START_MS=$(date +%s%3N)
start_service "letters" bench_letters 0 NOTICES_LOOPS_ENABLED=true NOTICES_EMAIL_PROVIDER=discard \
    NOTICES_SMS_PROVIDER=notify NOTICES_LETTER_PROVIDER=notify NOTIFY_BASE_URL="$STUB_URL" \
    NOTIFY_LETTER_TEMPLATE_ID=2f3e4d5c-6b7a-4a89-9988-776655443322 \
    NOTIFY_MAX_PER_MINUTE="$MAX_PER_MINUTE" NOTIFY_LETTERS_PER_MINUTE="$LETTERS_PER_MINUTE" NOTIFY_LETTERS_PER_DAY="$PER_DAY"
say "letters: $LETTERS letters (cap $PER_DAY a day) and $TEXTS texts at $MAX_PER_MINUTE/min, letters $LETTERS_PER_MINUTE/min"
cpu_start
tool bench.LettersResult --jdbc "$(jdbc bench_letters)" --notify "$STUB_URL" --letters "$LETTERS" --texts "$TEXTS" \
    --per-day "$PER_DAY" --max-per-minute "$MAX_PER_MINUTE" --letters-per-minute "$LETTERS_PER_MINUTE" \
    --started-ms "$START_MS" --timeout 3600 --markdown "$REPORT_MD" > /dev/null
cpu_record letters
{
    echo
    echo "Load before / after: $(cut -d' ' -f1-3 /proc/loadavg); machine $(nproc) cores; $(java -version 2>&1 | head -1)"
    echo "Commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench 2>/dev/null || echo ' (with uncommitted changes)')"
} >> "$REPORT_MD"
say "letters: figures in $REPORT_MD and $BENCH_RESULTS"
cat "$REPORT_MD"
