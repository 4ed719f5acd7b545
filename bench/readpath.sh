#!/usr/bin/env bash
# The read path at national scale, two builds side by side (BENCHMARKS.md, issue 14): how long the dashboard, the
# obligation lists, a case's reads, the calendar feed, the timeliness report's first byte and the metrics take to
# answer on one database of 400,000 cases, 1M obligations and 4.8M notices.
#
#   bench/readpath.sh [REV_A [REV_B]]     # default: REV_A = this checkout's HEAD, REV_B = the branch readpath
#   CASES=20000 bench/readpath.sh a9ac7f6 a9ac7f6   # a quick check of the harness (a few minutes)
# Full scale on 2 cores: the template 2.5 min (once), then about 3.5 min a run (copy, migration start, timings).
#
# 1. Builds: each revision as bench/compare.sh builds it (git archive into bench/out/compare/src-<sha>/, its own
#    ./mvnw -q -B -o package -DskipTests there, target/quarkus-app kept in bench/out/compare/build-<sha12>/ and shared
#    with compare.sh; BENCH_REBUILD=1 builds again). This checkout's target/ is never touched.
# 2. One database, filled once and kept as a template (readpath_tpl_<CASES>): migrated by REV_A's build (the service
#    started once on the empty database, notice loops off, which also records each council's calendar fingerprint),
#    then filled in SQL by bench/readpath/fill.sql (what it holds: see its header; generate_series, not events: the
#    event-fed builder through Kafka that issue 14 also asks for is not here), VACUUM ANALYZE, CHECKPOINT. Reused by
#    later runs of the same sizes, A's migrations and day (BENCH_REUSE_TEMPLATE=0 fills it again).
#    FILL=events: no fill; the template is national_tpl_<CASES>, which bench/national.sh built beforehand by feeding
#    case histories through Kafka to the service (each run's copy is then migrated by its build as usual).
# 3. Each run (A, B, then again ROUNDS times): a fresh copy of the template (CREATE DATABASE ... TEMPLATE, file copy);
#    the build started once on it and stopped (its own migrations: a V17 of B's is applied here, outside the timings;
#    then a VACUUM, no ANALYZE, of each copy alike); then started again (prod profile, as bench/lib.sh starts it:
#    REMINDERS_AUTH_ENABLED=false, so the dashboard and the API answer without a token for every council; notice
#    loops off; -Xmx BENCH_XMX (256m), BENCH_JAVA_OPTS (-XX:+UseSerialGC); no CDS archive) and timed with
#    bench/readpath/ReadPath.java: per endpoint, sequential requests on one client, WARM untimed then N timed
#    (N_DASH for the two dashboards), from sending to the last byte of the body (the CSV: to its first byte, the
#    stream then abandoned; the first data row is reported beside it):
#      dashboard            GET /dashboard                                   (every council; the page's size too)
#      dashboard_council    GET /dashboard?authority=AUTHORITY
#      obligations_owner    GET /api/obligations?owner=<lead professional>&size=50   (200 random leads, in turn)
#      obligations_overdue  GET /api/obligations?status=OVERDUE&authority=AUTHORITY&size=50
#      case_obligations     GET /api/cases/<case>/obligations                (200 random cases)
#      case_notices         GET /api/cases/<case>/notices
#      calendar             GET /api/professionals/<lead>/calendar.ics?authority=..&token=..  (links asked for
#                           beforehand, untimed, from .../calendar-link)
#      timeliness_csv_ttfb  GET /api/reports/timeliness.csv?authority=AUTHORITY&from=<12 months ago>&to=<yesterday>
#      metrics              GET /q/metrics
#    and the pages for people (CONTRACT-2 §8; a build without them answers 404, shown as "not 2xx"):
#      page_my                       GET /my?participant=<lead professional>        (the 200 sampled leads, in turn)
#      page_case                     GET /cases/<case>                               (the 200 sampled cases)
#      page_list_overdue             GET /dashboard/obligations?authority=AUTHORITY&status=OVERDUE
#      page_list_overdue_deep        the same at page 40 (OFFSET 1,950)
#      page_list_team                GET /dashboard/obligations?authority=..&team=..&status=OVERDUE  (200 random teams)
#      page_list_owner               GET /dashboard/obligations?owner=<lead>&role=LEAD_PROFESSIONAL&status=OVERDUE
#    PostgreSQL logs every statement slower than SLOW_MS on the copy; per run, the statements summed by text, and
#    the slowest execution of the TOP slowest ones run again under EXPLAIN (ANALYZE, BUFFERS) as the service's role
#    (cin.authorities '*', as with auth off) after the service stopped.
# 4. A summary (markdown) in bench/out/readpath/<stamp>/summary.md, raw lines in results.jsonl there, EXPLAIN output
#    in explain-<label>-r<round>.txt; with BENCH_WRITE_REPORT=1, the generated part of BENCHMARKS.md's section
#    "Issue 14: the read path at national scale" (between its readpath:begin/end markers) replaced by the summary.
#
# Environment: CASES (400000), OBLIGATIONS (CASES * 5 / 2; at most 3 per case), NOTICES (CASES * 12), N (100),
# N_DASH (30), WARM (20), ROUNDS (1: A then B; 2: A, B, A, B), AUTHORITY (derbyshire, the largest council),
# SLOW_MS (50), TOP (6), BENCH_REUSE_TEMPLATE (1), BENCH_TEMPLATE_ONLY=1 (build and fill, run nothing),
# BENCH_WRITE_REPORT=1, BENCH_KEEP_INFRA=1, BENCH_XMX, BENCH_JAVA_OPTS, BENCH_A_ENV / BENCH_B_ENV (settings for one
# build), BENCH_HTTP_PORT, BENCH_MVN_OFFLINE=0. Uses bench/infra.sh's PostgreSQL and Kafka (Kafka only because the
# service needs it; run from REV_A's jars) and stops what it started.
set -euo pipefail

source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

REV_A_ARG="${1:-$(git -C "$ROOT" rev-parse HEAD)}"
REV_B_ARG="${2:-readpath}"
CASES="${CASES:-400000}"
OBLIGATIONS="${OBLIGATIONS:-$(( CASES * 5 / 2 ))}"
NOTICES="${NOTICES:-$(( CASES * 12 ))}"
N="${N:-100}"
N_DASH="${N_DASH:-30}"
WARM="${WARM:-20}"
ROUNDS="${ROUNDS:-1}"
AUTHORITY="${AUTHORITY:-derbyshire}"
SLOW_MS="${SLOW_MS:-50}"
TOP="${TOP:-6}"
TODAY="$(date -u +%F)"
TPL="readpath_tpl_$CASES"
# FILL=events: measure the event-fed template of bench/national.sh (national_tpl_<CASES>, built beforehand) instead.
FILL="${FILL:-sql}"
[[ "$FILL" == "events" ]] && TPL="national_tpl_$CASES"
DB=readpath_run
CMP="$OUT/compare"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$OUT/readpath/$STAMP"
mkdir -p "$RUN_DIR"
export BENCH_RESULTS="$RUN_DIR/results.jsonl"
: > "$BENCH_RESULTS"
SUMMARY="$RUN_DIR/summary.md"
PGLOG="$LOGS/postgres.log"
CDS="" # no class-data-sharing archive (lib.sh would pass one made by another build)
SRC_DIRS=()
STARTED_INFRA=()
T_START=$(date +%s)

cleanup() {
    local rc=$?
    stop_service
    local d
    for d in "${SRC_DIRS[@]}"; do [[ "${BENCH_KEEP_SRC:-}" == "1" ]] || rm -rf "$d"; done
    if [[ "${BENCH_KEEP_INFRA:-}" != "1" && ${#STARTED_INFRA[@]} -gt 0 ]]; then
        "$HERE/infra.sh" stop "${STARTED_INFRA[@]}" || true
    fi
    (( rc != 0 )) && say "stopped early (exit $rc); results so far: $BENCH_RESULTS"
    return $rc
}
trap cleanup EXIT

# ---- Builds (as bench/compare.sh builds them, into the same cache) ------------------------------------------------
MVN_OFFLINE=(-o)
[[ "${BENCH_MVN_OFFLINE:-1}" == "0" ]] && MVN_OFFLINE=()
build() { # REV → BUILT_LABEL, BUILT_APP, BUILT_DESC, BUILT_MIGRATIONS
    local rev=$1 sha label desc src dest
    sha="$(git -C "$ROOT" rev-parse --verify --quiet "$rev^{commit}")" || { say "not a revision: $rev"; exit 2; }
    label="${sha:0:12}"
    desc="$rev = $label $(git -C "$ROOT" log -1 --format='(%cd) %s' --date=short "$sha" | cut -c1-90)"
    dest="$CMP/build-$label"
    src="$CMP/src-$label"
    if [[ -f "$dest/quarkus-app/quarkus-run.jar" && "${BENCH_REBUILD:-}" != "1" ]]; then
        say "build $label: reusing $dest (BENCH_REBUILD=1 rebuilds)"
    else
        rm -rf "$src" "$dest"
        mkdir -p "$src"
        SRC_DIRS+=("$src")
        git -C "$ROOT" archive "$sha" | tar -x -C "$src"
        say "build $label: ./mvnw -q -B ${MVN_OFFLINE[*]} package -DskipTests in $src (log: $LOGS/build-$label.log)"
        local t0=$SECONDS
        if ! (cd "$src" && ./mvnw -q -B "${MVN_OFFLINE[@]}" package -DskipTests) > "$LOGS/build-$label.log" 2>&1; then
            tail -30 "$LOGS/build-$label.log" >&2
            say "build $label failed"
            exit 1
        fi
        mkdir -p "$dest"
        mv "$src/target/quarkus-app" "$dest/quarkus-app"
        (cd "$src" && find src/main/resources/db/migration -type f -print0 2>/dev/null | sort -z | xargs -0 -r sha1sum) \
            | sha1sum | cut -c1-12 > "$dest/migrations.sha1"
        echo "$desc" > "$dest/revision.txt"
        echo "build_seconds=$(( SECONDS - t0 ))" > "$dest/build.properties"
        say "build $label: done in $(( SECONDS - t0 )) s"
        [[ "${BENCH_KEEP_SRC:-}" == "1" ]] || rm -rf "$src"
    fi
    BUILT_LABEL=$label
    BUILT_APP="$dest/quarkus-app"
    BUILT_DESC="$desc"
    BUILT_MIGRATIONS="$(cat "$dest/migrations.sha1")"
}
build "$REV_A_ARG"
LABEL_A=$BUILT_LABEL; APP_A=$BUILT_APP; DESC_A=$BUILT_DESC; MIG_A=$BUILT_MIGRATIONS
build "$REV_B_ARG"
LABEL_B=$BUILT_LABEL; APP_B=$BUILT_APP; DESC_B=$BUILT_DESC; MIG_B=$BUILT_MIGRATIONS
T_BUILT=$(date +%s)

# The client and the tools' classpath (Topics, to reset the service's topics): compiled against A's own jars.
TOOLS="$RUN_DIR/classes"
mkdir -p "$TOOLS"
LIBS="$(ls "$APP_A/lib/main" | grep -E '^(org\.apache\.kafka\.kafka-clients|org\.slf4j\.slf4j-api|org\.postgresql\.postgresql|org\.lz4\.lz4-java|at\.yawk\.lz4\.lz4-java|org\.xerial\.snappy|com\.github\.luben|com\.fasterxml\.jackson\.core\.jackson-(core|databind|annotations))-' \
    | sed "s#^#$APP_A/lib/main/#" | paste -sd:)"
javac --release 17 -nowarn -encoding UTF-8 -cp "$LIBS" -d "$TOOLS" "$HERE/readpath/ReadPath.java" \
    "$HERE/src/main/java/bench/Topics.java" "$HERE/src/main/java/bench/Args.java" \
    "$HERE/src/main/java/bench/Results.java" "$HERE/src/main/java/bench/Db.java" 2>&1 | grep -v '^Note:' >&2 || true
CP="$TOOLS:$LIBS"
[[ -f "$TOOLS/ReadPath.class" && -f "$TOOLS/bench/Topics.class" ]] || { say "javac failed"; exit 1; }

# ---- Infrastructure --------------------------------------------------------------------------------------------
export BENCH_KAFKA_LIB="$APP_A/lib/main"
for w in pg kafka; do
    "$HERE/infra.sh" status "$w" | grep -q running || STARTED_INFRA=("$w" "${STARTED_INFRA[@]}")
done
"$HERE/infra.sh" start pg kafka
q() { "${PG_ADMIN[@]}" -d "$1" -c "$2"; }
exists_db() { [[ "$("${PG_ADMIN[@]}" -c "select 1 from pg_database where datname = '$1'")" == "1" ]]; }

# ---- The template ------------------------------------------------------------------------------------------------
if [[ "$FILL" == "events" ]]; then
    exists_db "$TPL" || { say "no database $TPL: build it first with CASES=$CASES bench/national.sh"; exit 2; }
    say "measuring the event-fed template $TPL ($("${PG_ADMIN[@]}" -c "select shobj_description(oid, 'pg_database') from pg_database where datname = '$TPL'"))"
    T_FILLED=$(date +%s); FILL_S="fed through Kafka to the service by bench/national.sh"
fi
MARK="cases=$CASES obligations=$OBLIGATIONS notices=$NOTICES migrations=$MIG_A today=$TODAY fill=$(sha1sum "$HERE/readpath/fill.sql" | cut -c1-12)"
if [[ "$FILL" == "events" ]]; then
    : # measured as bench/national.sh left it (vacuumed and analysed there)
elif [[ "${BENCH_REUSE_TEMPLATE:-1}" == "1" ]] && exists_db "$TPL" \
    && [[ "$("${PG_ADMIN[@]}" -c "select shobj_description(oid, 'pg_database') from pg_database where datname = '$TPL'")" == "$MARK" ]]; then
    say "reusing the template $TPL ($MARK)"
    T_FILLED=$(date +%s); FILL_S="the template of an earlier run reused"
else
    "${PG_ADMIN[@]}" -c "drop database if exists $TPL with (force)"
    "${PG_ADMIN[@]}" -c "create database $TPL owner bench"
    java -cp "$CP" bench.Topics reset --bootstrap "$BOOTSTRAP" > /dev/null 2>&1 || true
    SERVICE_APP="$APP_A" start_service "readpath-template-migrate" "$TPL" 0 NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard
    stop_service
    say "filling $TPL: $CASES cases, $OBLIGATIONS obligations, $NOTICES notices (today $TODAY)"
    t0=$(date +%s)
    "${PG_ADMIN[@]}" -d "$TPL" -v today="$TODAY" -v cases="$CASES" -v obligations="$OBLIGATIONS" -v notices="$NOTICES" \
        -f "$HERE/readpath/fill.sql"
    t1=$(date +%s)
    say "filled in $(( t1 - t0 )) s; vacuum analyze"
    q "$TPL" "vacuum analyze" > /dev/null
    "${PG_ADMIN[@]}" -c "checkpoint"
    "${PG_ADMIN[@]}" -c "comment on database $TPL is '$MARK'"
    T_FILLED=$(date +%s)
    FILL_S="$(( t1 - t0 )) s to fill, $(( T_FILLED - t1 )) s to vacuum and analyze"
fi
DATASET="$(q "$TPL" "select format('%s cases (%s closed) in %s councils, %s teams, %s lead professionals, %s participants; %s obligations (%s open, %s overdue on %s, %s due in the last 12 months); %s notices; database %s',
    (select count(*) from case_record), (select count(*) from case_record where closed_on is not null),
    (select count(distinct authority) from case_record), (select count(distinct (authority, team)) from case_record),
    (select count(distinct participant_id) from participant where role = 'LEAD_PROFESSIONAL'),
    (select count(*) from participant),
    (select count(*) from obligation), (select count(*) from obligation where status = 'OPEN'),
    (select count(*) from obligation where status = 'OPEN' and due_date < date '$TODAY'), '$TODAY',
    (select count(*) from obligation where due_date >= date '$TODAY' - interval '12 months' and due_date < date '$TODAY'),
    (select count(*) from notice), pg_size_pretty(pg_database_size('$TPL')))")"
say "data: $DATASET"
if [[ "${BENCH_TEMPLATE_ONLY:-}" == "1" ]]; then
    say "template ready (BENCH_TEMPLATE_ONLY=1)"
    exit 0
fi

# ---- What the client asks for -------------------------------------------------------------------------------------
P="$RUN_DIR/paths"
mkdir -p "$P"
FROM="$(date -u -d "$TODAY - 12 months" +%F)"
TO="$(date -u -d "$TODAY - 1 day" +%F)"
echo "/dashboard" > "$P/dashboard"
echo "/dashboard?authority=$AUTHORITY" > "$P/dashboard_council"
q "$TPL" "select distinct participant_id from participant where role = 'LEAD_PROFESSIONAL' order by 1" \
    | shuf -n 200 --random-source=<(yes 14) > "$RUN_DIR/leads"
sed 's#.*#/api/obligations?owner=&\&size=50#' "$RUN_DIR/leads" > "$P/obligations_owner"
echo "/api/obligations?status=OVERDUE&authority=$AUTHORITY&size=50" > "$P/obligations_overdue"
q "$TPL" "select case_id from case_record order by 1" | shuf -n 200 --random-source=<(yes 14) > "$RUN_DIR/cases"
sed 's#.*#/api/cases/&/obligations#' "$RUN_DIR/cases" > "$P/case_obligations"
sed 's#.*#/api/cases/&/notices#' "$RUN_DIR/cases" > "$P/case_notices"
echo "/api/reports/timeliness.csv?authority=$AUTHORITY&from=$FROM&to=$TO" > "$P/timeliness_csv_ttfb"
echo "/q/metrics" > "$P/metrics"
sed 's#.*#/my?participant=&#' "$RUN_DIR/leads" > "$P/page_my"
sed 's#.*#/cases/&#' "$RUN_DIR/cases" > "$P/page_case"
echo "/dashboard/obligations?authority=$AUTHORITY&status=OVERDUE" > "$P/page_list_overdue"
echo "/dashboard/obligations?authority=$AUTHORITY&status=OVERDUE&page=40" > "$P/page_list_overdue_deep"
q "$TPL" "select distinct authority || '&team=' || replace(team, ' ', '%20') from case_record where team is not null order by 1" \
    | shuf -n 200 --random-source=<(yes 14) | sed 's#.*#/dashboard/obligations?authority=&\&status=OVERDUE#' > "$P/page_list_team"
sed 's#.*#/dashboard/obligations?owner=&\&role=LEAD_PROFESSIONAL\&status=OVERDUE#' "$RUN_DIR/leads" > "$P/page_list_owner"
ENDPOINTS=(dashboard dashboard_council obligations_owner obligations_overdue case_obligations case_notices calendar
           timeliness_csv_ttfb metrics page_my page_case page_list_overdue page_list_overdue_deep page_list_team
           page_list_owner)

BASE="http://127.0.0.1:$HTTP_PORT"
# The calendar links of the first 100 sampled leads, asked of the running service (untimed).
calendar_paths() {
    local lead url
    : > "$P/calendar"
    head -100 "$RUN_DIR/leads" | while read -r lead; do
        url="$(curl -sf "$BASE/api/professionals/$lead/calendar-link" | sed -n 's/.*"url" *: *"\([^"]*\)".*/\1/p')"
        [[ -n "$url" ]] && echo "$url" >> "$P/calendar"
    done
    [[ -s "$P/calendar" ]] || say "no calendar link could be had: calendar skipped"
}

# ---- Runs ---------------------------------------------------------------------------------------------------------
explain_slow() { # label from to
    local dir="$RUN_DIR/slow-$1" f
    rm -rf "$dir"; mkdir -p "$dir"
    perl "$HERE/readpath/slow.pl" "$PGLOG" "$2" "$3" --top "$TOP" --explain-dir "$dir" > "$RUN_DIR/statements-$1.md"
    {
        for f in "$dir"/slow-*.sql; do
            [[ -f "$f" ]] || continue
            echo "==== $(head -1 "$f")"
            tail -n +2 "$f"
            "${PG_ADMIN[@]}" -d "$DB" -c "set role cin_service; set cin.authorities = '*'; set max_parallel_workers_per_gather = 2;
                explain (analyze, buffers) $(tail -n +2 "$f")" 2>&1 || true
            echo
        done
    } > "$RUN_DIR/explain-$1.txt"
}

run_once() { # which(A|B) round
    local which=$1 round=$2 app label envs mig_before mig_after off0 off1 ep n warm extra
    if [[ "$which" == "A" ]]; then app=$APP_A; label="A-$LABEL_A-r$round"; envs="${BENCH_A_ENV:-}"
    else app=$APP_B; label="B-$LABEL_B-r$round"; envs="${BENCH_B_ENV:-}"; fi
    say "run $label: a fresh copy of $TPL"
    "${PG_ADMIN[@]}" -c "drop database if exists $DB with (force)"
    "${PG_ADMIN[@]}" -c "create database $DB owner bench template $TPL strategy file_copy"
    mig_before="$(q "$DB" "select count(*) from flyway_schema_history")"
    java -cp "$CP" bench.Topics reset --bootstrap "$BOOTSTRAP" > /dev/null 2>&1 || true
    SERVICE_APP="$app" start_service "readpath-migrate-$label" "$DB" 0 NOTICES_LOOPS_ENABLED=false \
        NOTICES_EMAIL_PROVIDER=discard $envs
    stop_service
    mig_after="$(q "$DB" "select count(*) from flyway_schema_history")"
    if [[ "$mig_after" != "$mig_before" ]]; then
        say "run $label: the build applied $(( mig_after - mig_before )) migration(s) of its own: $(q "$DB" "select string_agg(version || ' ' || description, ', ' order by installed_rank) from flyway_schema_history where installed_rank > $mig_before")"
    fi
    # Every copy vacuumed alike (what its start wrote), none analysed again: the planner's statistics are the
    # template's in every run, so a plan differs between A and B only by what the builds do.
    q "$DB" "vacuum" > /dev/null
    q "$DB" "alter database $DB set log_min_duration_statement = $SLOW_MS" > /dev/null
    "${PG_ADMIN[@]}" -c "checkpoint"
    SERVICE_APP="$app" start_service "readpath-$label" "$DB" 0 NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard $envs
    calendar_paths
    off0=$(stat -c %s "$PGLOG")
    local load0; load0="$(cut -d' ' -f1 /proc/loadavg)"
    for ep in "${ENDPOINTS[@]}"; do
        [[ -s "$P/$ep" ]] || continue
        n=$N; warm=$WARM; extra=()
        [[ "$ep" == dashboard* ]] && n=$N_DASH
        [[ "$ep" == *ttfb ]] && extra=(--ttfb)
        say "run $label: $ep ($warm + $n requests)"
        java -cp "$CP" ReadPath --base "$BASE" --name "$ep" --paths "$P/$ep" --n "$n" --warm "$warm" \
            --label "$which" "${extra[@]}" | sed "s/^{/{\"round\":$round,\"build\":\"$label\",/" | tee -a "$BENCH_RESULTS"
    done
    off1=$(stat -c %s "$PGLOG")
    echo "{\"round\":$round,\"build\":\"$label\",\"label\":\"$which\",\"name\":\"load\",\"load_before\":$load0,\"load_after\":$(cut -d' ' -f1 /proc/loadavg)}" >> "$BENCH_RESULTS"
    stop_service
    explain_slow "$label" "$off0" "$off1"
}

T_RUNS=$(date +%s)
for ((r = 1; r <= ROUNDS; r++)); do
    run_once A "$r"
    run_once B "$r"
done
T_DONE=$(date +%s)

# ---- Summary ------------------------------------------------------------------------------------------------------
{
    echo "<!-- readpath:begin (bench/readpath.sh, run $STAMP) -->"
    echo "- **A**: $DESC_A"
    echo "- **B**: $DESC_B"
    [[ "$MIG_A" != "$MIG_B" ]] && echo "- The builds' migrations differ: each copy was migrated by its own build before its timings."
    echo "- **Data** (one template, a file copy of it per run): $DATASET. $( [[ "$FILL" == "events" ]] && echo "Event-fed: $FILL_S." || echo "Filled in SQL (bench/readpath/fill.sql), $FILL_S.")"
    echo "- **How**: per endpoint $WARM untimed requests, then $N timed ($N_DASH for the dashboards), sequential, one" \
         "client (bench/readpath/ReadPath.java, HTTP/1.1); the time to the last byte of the body, for the CSV to its first" \
         "byte. Service: the packaged build, prod profile, auth off (REMINDERS_AUTH_ENABLED=false: every council), notice" \
         "loops off, -Xmx$XMX $JAVA_OPTS_BENCH; PostgreSQL 15 of bench/infra.sh (shared_buffers 1GB). Council filter:" \
         "$AUTHORITY. Rounds: $ROUNDS (A then B each round). $(nproc) cores, shared; time: builds $(( T_BUILT - T_START )) s," \
         "template $(( T_FILLED - T_BUILT )) s, runs $(( T_DONE - T_RUNS )) s."
    echo
    echo "| endpoint | build | round | p50 ms | p95 ms | max ms | n | not 2xx | bytes |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
    perl -ne 'next unless /"name":"(\w+)"/ && $1 ne "load";
        my %h; while (/"(\w+)":("[^"]*"|[-\d.]+)/g) { my ($k, $v) = ($1, $2); $v =~ s/"//g; $h{$k} = $v; }
        my $na = $h{ok} == 0;
        my $extra = defined $h{first_row_p95_ms} ? " (first row p95 $h{first_row_p95_ms})" : "";
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $h{name}, $h{label}, $h{round},
            $na ? "n/a" : $h{p50_ms}, $na ? "n/a" : $h{p95_ms} . $extra, $na ? "n/a" : $h{max_ms}, $h{n},
            $h{not_ok} ? "$h{not_ok} ($h{not_ok_statuses})" : 0, $h{bytes};' "$BENCH_RESULTS" | sort -t'|' -k2,2 -k4,4 -s
    echo
    echo "Statements slower than $SLOW_MS ms in PostgreSQL's log while timing (executions, total ms, mean ms, max ms):"
    for f in "$RUN_DIR"/statements-*.md; do
        echo
        echo "$(basename "$f" .md | sed 's/^statements-//'):"
        echo
        echo "| statement | n | total | mean | max |"
        echo "|---|---:|---:|---:|---:|"
        head -8 "$f"
    done
    echo "<!-- readpath:end -->"
} > "$SUMMARY"
cat "$SUMMARY"

if [[ "${BENCH_WRITE_REPORT:-}" == "1" ]]; then
    python3 - "$ROOT/BENCHMARKS.md" "$SUMMARY" <<'PY'
import re, sys
path, summary = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(path).read()
head = "## Issue 14: the read path at national scale"
if head not in text:
    text = text.replace("## What the numbers exposed", head + "\n\n" + summary + "\n\n## What the numbers exposed", 1)
else:
    text = re.sub(r"<!-- readpath:begin.*?<!-- readpath:end -->", lambda m: summary, text, count=1, flags=re.S)
open(path, "w").write(text)
PY
    say "BENCHMARKS.md: section \"Issue 14: the read path at national scale\" written"
fi
say "summary: $SUMMARY; raw: $BENCH_RESULTS; EXPLAIN: $RUN_DIR/explain-*.txt; service logs: $LOGS/service-readpath-*.log"
