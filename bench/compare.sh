#!/usr/bin/env bash
# Firing (or ingest) throughput of two builds, side by side: bench/compare.sh REV_A [REV_B]
#
#   REV_A, REV_B  git revisions (anything `git rev-parse` takes). Without REV_B: the working tree of this checkout
#                 as it is (tracked files with their uncommitted changes, plus untracked files that are not ignored).
#
# Each revision is built in its own directory, never in this checkout's target/ (others test there):
#   a revision      `git archive REV` unpacked into bench/out/compare/src-<sha>/ (no git worktree is registered);
#   the working tree  a copy of `git ls-files --cached --others --exclude-standard` into bench/out/compare/src-wt-…/;
# then `./mvnw -q -B -o package -DskipTests` there (the revision's own wrapper and pom; offline; BENCH_MVN_OFFLINE=0
# lets Maven download). The build (target/quarkus-app) is kept in bench/out/compare/build-<label>/ and the source
# copy removed (BENCH_KEEP_SRC=1 keeps it). A revision's build is reused by later comparisons (BENCH_REBUILD=1
# rebuilds); the working tree's label carries a hash of its changes, so an edited tree is built again.
#
# Then, on the infrastructure of bench/infra.sh (only PostgreSQL and Kafka: the firing measure's discard channel
# needs neither the SMTP sink nor the Notify stub; Kafka runs from REV_B's build's jars), with the harness of
# this checkout (bench/, whatever the revisions hold there):
#   1. a class-data-sharing archive per build from one training start, as run.sh makes one (BENCH_CDS=0: none);
#   2. the firing database seeded (FiringSeed, fixed random seed, so the same rows), as run.sh does: once, migrated
#      by REV_A's build, when both builds have the same Flyway migrations; otherwise once per build, each migrated by
#      its own build (seed_firing_a, seed_firing_b), so that B's runs neither migrate A's schema while they are timed
#      nor meet the dead rows a backfill (V7's) leaves; BENCH_SEED_ONCE=1 seeds once with A's migrations anyway;
#   3. the `firing` measure of run.sh (bench/lib.sh firing_once: a fresh copy of the seeded database per run,
#      fresh topics, discard channel, warm-up burst at T-20 s, the burst at T) alternately A, B, A, B, …,
#      BENCH_REPS times each;
#   4. every run's figures, the medians, B/A of the medians and B/A pair by pair (bench.Compare), with the load
#      average over each run; printed and written to bench/out/compare/<stamp>/summary.md.
#
# BENCH_MEASURE=ingest runs run.sh's `ingest` measure instead of 2-3 (bench/lib.sh ingest_once, without the raw insert
# baseline): per run a fresh database and fresh topics, BENCH_EVENTS (1000000) events for BENCH_CASES (400000) cases
# produced by EventGen (fixed seed), then the build started with its notice loops off consumes them; events/s from
# the database's clock (IngestResult), CPU of the service and PostgreSQL over the consumption. A, B, A, B, … as above.
#
# Database roles: a build whose app jar holds db/migration/V9__row_level_security.sql (row-level security) connects as
# cin_service and runs Flyway as bench (the owner); an older build connects as bench, as it always did (bench/lib.sh
# db_role_env; BENCH_DB_ROLE=service|owner forces one for both). To run an RLS build past its policies (to isolate
# their cost), give it BENCH_B_ENV="QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench
# QUARKUS_FLYWAY_PLACEHOLDERS_SERVICE_ROLE=cin_service" (bench is a superuser: RLS does not apply to it).
#
# Environment: BENCH_OBLIGATIONS (300000 pending), BENCH_DUE (50000 due at T), BENCH_WARMUP (25000 in the warm-up
# burst), BENCH_REPS (3 runs of each build), BENCH_LEAD (60 + the stage-ahead 60 = 120: seconds from the service's launch to T; run.sh has 100),
# BENCH_XMX / BENCH_JAVA_OPTS / BENCH_CDS as in run.sh,
# BENCH_SERVICE_ENV="NAME=value ..." (both builds), BENCH_A_ENV / BENCH_B_ENV (one build only),
# BENCH_REUSE_SEED=1 (keep the seeded database of an earlier comparison of the same sizes), BENCH_KEEP_INFRA=1,
# BENCH_BUILD_ONLY=1 (build both and stop), BENCH_MEASURE=firing|ingest, BENCH_EVENTS / BENCH_CASES (ingest sizes),
# BENCH_SEED_ONCE=1. Ports: bench/infra.sh's BENCH_*_PORT and BENCH_HTTP_PORT (another checkout's infrastructure
# may hold the defaults).
# The tools it needs (FiringSeed, FiringResult, EventGen, IngestResult, Topics, Compare) are compiled with javac against REV_B's build's
# own Kafka client, PostgreSQL driver and Jackson, so no Maven download is needed for the harness either.
# Time with the defaults on this 2-core machine under other users' load (load average 8-22): 12 min when both builds
# are cached (archives and seed 2.5 min, six runs 9.5 min), about 17 min with two fresh builds (2.5 min each).
set -euo pipefail

# Paths, settings (T, T0, ports, BENCH_XMX, BENCH_JAVA_OPTS) and run.sh's functions (start_service, firing_once …).
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

if [[ $# -lt 1 || $# -gt 2 || "$1" == -* ]]; then
    sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
REV_A_ARG=$1
REV_B_ARG=${2:-}
OBLIGATIONS="${BENCH_OBLIGATIONS:-300000}"
DUE="${BENCH_DUE:-50000}"
WARMUP="${BENCH_WARMUP:-25000}"
REPS="${BENCH_REPS:-3}"
MEASURE="${BENCH_MEASURE:-firing}"
[[ "$MEASURE" == "firing" || "$MEASURE" == "ingest" ]] || { say "BENCH_MEASURE=$MEASURE: firing or ingest"; exit 2; }
EVENTS="${BENCH_EVENTS:-1000000}"
CASES="${BENCH_CASES:-400000}"
INGEST_RAW=0
# Seconds from launch to T on the service's clock (run.sh: 40). Under other users' load a start took 13-35 s here,
# so with 40 the warm-up burst (T-20 s) met a service still starting; 60 leaves the start out of the cold figure.
# The service stages the warm-up burst STAGE_AHEAD before T0: the footprint is sampled before that (lib.sh).
LEAD="${BENCH_LEAD:-$((60 + STAGE_AHEAD))}"
CMP="$OUT/compare"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$CMP/$STAMP"
mkdir -p "$RUN_DIR"
export BENCH_RESULTS="$RUN_DIR/results.jsonl"
: > "$BENCH_RESULTS"
LOADLOG="$RUN_DIR/load.log"
MACHINE="$RUN_DIR/machine.properties"
SUMMARY="$RUN_DIR/summary.md"
T_START=$(date +%s)
SRC_DIRS=()
STARTED_INFRA=()
LOADER=""

cleanup() {
    local rc=$?
    [[ -n "$LOADER" ]] && kill "$LOADER" 2>/dev/null
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
# The tools run against the service's slf4j-api without a provider: no "no providers" warnings on every start.
tool() { java -Xmx6g -Dslf4j.internal.verbosity=ERROR -cp "$CP" "$@"; }

# ---- Builds -------------------------------------------------------------------------------------------
MVN_OFFLINE=(-o)
[[ "${BENCH_MVN_OFFLINE:-1}" == "0" ]] && MVN_OFFLINE=()

# build REV|"" → BUILT_LABEL, BUILT_APP (its quarkus-app), BUILT_DESC (for the report), BUILT_MIGRATIONS (a hash)
build() {
    local rev=$1 sha label desc src dest
    if [[ -n "$rev" ]]; then
        sha="$(git -C "$ROOT" rev-parse --verify --quiet "$rev^{commit}")" || { say "not a revision: $rev"; exit 2; }
        label="${sha:0:12}"
        desc="$rev = $label $(git -C "$ROOT" log -1 --format='(%cd) %s' --date=short "$sha" | cut -c1-90)"
    else
        sha="$(git -C "$ROOT" rev-parse HEAD)"
        if [[ -z "$(git -C "$ROOT" status --porcelain)" ]]; then
            label="wt-${sha:0:12}"
            desc="working tree of $ROOT (clean, = HEAD ${sha:0:12})"
        else
            local h
            h="$(cd "$ROOT" && { git diff HEAD --binary; git ls-files -z -o --exclude-standard | xargs -0 -r sha1sum --; } | sha1sum | cut -c1-10)"
            label="wt-${sha:0:12}-dirty-$h"
            desc="working tree of $ROOT (HEAD ${sha:0:12} with uncommitted changes, hash $h)"
        fi
    fi
    dest="$CMP/build-$label"
    src="$CMP/src-$label"
    if [[ -f "$dest/quarkus-app/quarkus-run.jar" && "${BENCH_REBUILD:-}" != "1" ]]; then
        say "build $label: reusing $dest (BENCH_REBUILD=1 rebuilds)"
    else
        rm -rf "$src" "$dest"
        mkdir -p "$src"
        SRC_DIRS+=("$src")
        if [[ -n "$rev" ]]; then
            git -C "$ROOT" archive "$sha" | tar -x -C "$src"
        else
            (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
                | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -x -C "$src"
        fi
        say "build $label: ./mvnw -q -B ${MVN_OFFLINE[*]} package -DskipTests in $src (log: $LOGS/build-$label.log)"
        local t0=$SECONDS
        if ! (cd "$src" && ./mvnw -q -B "${MVN_OFFLINE[@]}" package -DskipTests) > "$LOGS/build-$label.log" 2>&1; then
            tail -30 "$LOGS/build-$label.log" >&2
            say "build $label failed (offline? BENCH_MVN_OFFLINE=0 lets Maven download)"
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
if [[ "$MIG_A" != "$MIG_B" ]]; then
    say "the Flyway migrations differ between A and B: each build migrates its own databases (firing: a seed per build; BENCH_SEED_ONCE=1: A's only)"
fi
T_BUILT=$(date +%s)
if [[ "${BENCH_BUILD_ONLY:-}" == "1" ]]; then
    say "built (BENCH_BUILD_ONLY=1): A $APP_A, B $APP_B"
    exit 0
fi

# ---- Tools: the firing subset of bench/src, compiled against B's own client libraries -----------------------
TOOLS="$CMP/tools"
TOOL_SRC=(Args Db Results EventGen Topics FiringSeed FiringResult IngestResult Compare)
LIBS="$(ls "$APP_B/lib/main" | grep -E '^(org\.apache\.kafka\.kafka-clients|org\.postgresql\.postgresql|com\.fasterxml\.jackson\.core\.jackson-(core|databind|annotations)|org\.slf4j\.slf4j-api|org\.lz4\.lz4-java|at\.yawk\.lz4\.lz4-java|org\.xerial\.snappy|com\.github\.luben)-' \
    | sed "s#^#$APP_B/lib/main/#" | paste -sd:)"
for need in kafka-clients postgresql jackson-databind; do
    [[ "$LIBS" == *"$need"* ]] || { say "no $need in $APP_B/lib/main"; exit 1; }
done
CP="$TOOLS/classes:$LIBS"
srcs=()
for s in "${TOOL_SRC[@]}"; do srcs+=("$HERE/src/main/java/bench/$s.java"); done
if [[ ! -f "$TOOLS/cp.txt" || "$(cat "$TOOLS/cp.txt")" != "$LIBS" ]] \
    || [[ -n "$(find "${srcs[@]}" -newer "$TOOLS/cp.txt" -print -quit)" ]]; then
    say "compiling the harness' firing tools (${TOOL_SRC[*]}) into $TOOLS"
    rm -rf "$TOOLS"; mkdir -p "$TOOLS/classes"
    javac --release 17 -nowarn -encoding UTF-8 -cp "$LIBS" -d "$TOOLS/classes" "${srcs[@]}" 2>&1 | grep -v '^Note:' >&2 || true
    [[ -f "$TOOLS/classes/bench/Compare.class" && -f "$TOOLS/classes/bench/IngestResult.class" ]] || { say "javac failed"; exit 1; }
    echo "$LIBS" > "$TOOLS/cp.txt"
fi

# ---- Infrastructure -------------------------------------------------------------------------------------
export BENCH_KAFKA_LIB="$APP_B/lib/main"
for w in pg kafka; do
    "$HERE/infra.sh" status "$w" | grep -q running || STARTED_INFRA=("$w" "${STARTED_INFRA[@]}")
done
"$HERE/infra.sh" start pg kafka
if (echo > "/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null; then
    say "something already listens on 127.0.0.1:$HTTP_PORT (BENCH_HTTP_PORT): not ours, stopping"; exit 1
fi
cd "$RUN_DIR" # the services' working directory: no stray config/ or .env of a checkout

{
    echo "command=bench/compare.sh $*"
    echo "a=$DESC_A"
    echo "b=$DESC_B"
    echo "a_app=$APP_A"
    echo "b_app=$APP_B"
    echo "cores=$(nproc)"
    echo "ram=$(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "kernel=$(uname -sr)"
    echo "jdk=$(java -version 2>&1 | head -2 | tail -1)"
    echo "postgres=$(/usr/lib/postgresql/15/bin/postgres --version)"
    echo "xmx=$XMX"
    echo "jvm_opts=$JAVA_OPTS_BENCH"
    echo "cds=${BENCH_CDS:-1}"
    echo "measure=$MEASURE"
    if [[ "$MEASURE" == "firing" ]]; then
        echo "sizes=obligations=$OBLIGATIONS due=$DUE warmup=$WARMUP reps=$REPS lead_s=$LEAD"
    else
        echo "sizes=events=$EVENTS cases=$CASES reps=$REPS"
    fi
    echo "db_roles=A: $(db_role_env "$APP_A") | B: $(db_role_env "$APP_B")"
    echo "service_env=${BENCH_SERVICE_ENV:-} | A: ${BENCH_A_ENV:-} | B: ${BENCH_B_ENV:-}"
    echo "started=$(date -u +%FT%TZ)"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$MACHINE"
( while true; do echo "$(date +%s) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5; done ) > "$LOADLOG" 2>/dev/null &
LOADER=$!

COMMON_ENV="${BENCH_SERVICE_ENV:-}"
use() { # A|B: which build the next service start runs
    if [[ "$1" == "A" ]]; then
        USE_LABEL=$LABEL_A; SERVICE_APP=$APP_A; CDS="$CMP/build-$LABEL_A/app-cds.jsa"; BENCH_SERVICE_ENV="$COMMON_ENV ${BENCH_A_ENV:-}"
        SEED_DB="${SEED_A:-seed_firing}"
    else
        USE_LABEL=$LABEL_B; SERVICE_APP=$APP_B; CDS="$CMP/build-$LABEL_B/app-cds.jsa"; BENCH_SERVICE_ENV="$COMMON_ENV ${BENCH_B_ENV:-}"
        SEED_DB="${SEED_B:-seed_firing}"
    fi
}

# ---- Class-data-sharing archives (as run.sh: one training start of each build) ---------------------------
for side in A B; do
    use "$side"
    rm -f "$CDS"
    if [[ "${BENCH_CDS:-1}" == "1" ]]; then
        fresh_db bench_cds
        tool bench.Topics reset --bootstrap "$BOOTSTRAP"
        CDS_TRAINING=1 start_service "cds-training-$side" bench_cds 0 NOTICES_LOOPS_ENABLED=false NOTICES_EMAIL_PROVIDER=discard
        stop_service
        say "class-data-sharing archive of $side: $(du -h "$CDS" 2>/dev/null | cut -f1) ($CDS)"
    fi
done
"${PG_ADMIN[@]}" -c "drop database if exists bench_cds with (force)"

# ---- The seed: once, or once per build when their migrations differ --------------------------------------
T_SEED0=$(date +%s)
seed_for() { # side db migrations-hash
    local side=$1 db=$2 mig=$3 tag
    tag="bench/compare.sh obligations=$OBLIGATIONS due=$DUE warmup=$WARMUP t=$T t0=$T0 migrations=$mig"
    local reuse="${BENCH_REUSE_SEED:-}"
    if [[ "$reuse" == "1" ]] \
        && [[ "$("${PG_ADMIN[@]}" -c "select shobj_description(oid, 'pg_database') from pg_database where datname = '$db'")" != "$tag" ]]; then
        say "$db is missing or of other sizes or migrations: seeding again"
        reuse=0
    fi
    use "$side"
    BENCH_REUSE_SEED=$reuse SEED_DB=$db BENCH_REP=0 BENCH_REV="" seed_firing
    "${PG_ADMIN[@]}" -c "comment on database $db is '$tag'"
}
if [[ "$MEASURE" == "firing" ]]; then
    if [[ "$MIG_A" == "$MIG_B" || "${BENCH_SEED_ONCE:-}" == "1" ]]; then
        SEED_A=seed_firing; SEED_B=seed_firing
        seed_for A seed_firing "$MIG_A"
    else
        SEED_A=seed_firing_a; SEED_B=seed_firing_b
        say "the builds' migrations differ: seeding each build's own schema (the same rows)"
        seed_for A seed_firing_a "$MIG_A"
        seed_for B seed_firing_b "$MIG_B"
    fi
fi
T_SEEDED=$(date +%s)
echo "seed_seconds=$(( T_SEEDED - T_SEED0 ))" >> "$MACHINE"

# ---- A, B, A, B … ----------------------------------------------------------------------------------------
if [[ "$MEASURE" == "firing" ]]; then
    say "firing: $DUE due at T among $OBLIGATIONS pending (warm-up burst $WARMUP), A and B alternately, $REPS runs each; load $(cut -d' ' -f1-3 /proc/loadavg)"
else
    say "ingest: $EVENTS events for $CASES cases, A and B alternately, $REPS runs each; load $(cut -d' ' -f1-3 /proc/loadavg)"
fi
say "  A = $DESC_A"
say "  B = $DESC_B"
for ((r = 1; r <= REPS; r++)); do
    for side in A B; do
        use "$side"
        BENCH_REP=$r; BENCH_REV=$side; export BENCH_REP BENCH_REV
        run_start=$(date +%s%3N); load_start=$(cut -d' ' -f1 /proc/loadavg)
        if [[ "$MEASURE" == "firing" ]]; then firing_once firing "$side-r$r" 0; else ingest_once "$side-r$r" 0; fi
        record compare_run "start_ms=$run_start" "end_ms=$(date +%s%3N)" "load1_start=$load_start" \
            "load1_end=$(cut -d' ' -f1 /proc/loadavg)" "lead_s=$LEAD" "build=\"$USE_LABEL\"" > /dev/null
    done
done
unset BENCH_REV
kill "$LOADER" 2>/dev/null; LOADER=""
T_DONE=$(date +%s)
{
    echo "finished=$(date -u +%FT%TZ)"
    echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "build_seconds=$(( T_BUILT - T_START ))"
    echo "runs_seconds=$(( T_DONE - T_SEEDED ))"
    echo "total_seconds=$(( T_DONE - T_START ))"
} >> "$MACHINE"

# ---- Summary --------------------------------------------------------------------------------------------
{
    if [[ "$MEASURE" == "firing" ]]; then
        echo "## Firing, A against B, alternating runs (bench/compare.sh)"
        echo
        echo "\`bench/compare.sh $*\` — $(sed -n 's/^started=//p' "$MACHINE") to $(sed -n 's/^finished=//p' "$MACHINE");" \
            "$OBLIGATIONS pending obligations, $DUE due at T, warm-up burst of $WARMUP at T-20 s, $REPS runs of each build," \
            "A then B; service launched $LEAD s before T (its clock); discard channel; -Xmx$XMX $JAVA_OPTS_BENCH, CDS ${BENCH_CDS:-1}."
    else
        echo "## Ingest, A against B, alternating runs (BENCH_MEASURE=ingest bench/compare.sh)"
        echo
        echo "\`BENCH_MEASURE=ingest bench/compare.sh $*\` — $(sed -n 's/^started=//p' "$MACHINE") to $(sed -n 's/^finished=//p' "$MACHINE");" \
            "$EVENTS events for $CASES cases, $REPS runs of each build, A then B; notice loops off; -Xmx$XMX $JAVA_OPTS_BENCH, CDS ${BENCH_CDS:-1}."
    fi
    echo "Database users: $(sed -n 's/^db_roles=//p' "$MACHINE")." \
        "$(nproc) cores ($(sed -n 's/^cpu=//p' "$MACHINE")), shared: load average before $(sed -n 's/^load_before=//p' "$MACHINE"), after $(sed -n 's/^load_after=//p' "$MACHINE")." \
        "Time: builds $(( T_BUILT - T_START )) s, archives and seed $(( T_SEEDED - T_BUILT )) s, runs $(( T_DONE - T_SEEDED )) s, total $(( T_DONE - T_START )) s."
    echo
    tool bench.Compare --measure "$MEASURE" --results "$BENCH_RESULTS" --load "$LOADLOG" --a "$DESC_A" --b "$DESC_B"
} > "$SUMMARY"
echo
cat "$SUMMARY"
say "summary: $SUMMARY; raw: $BENCH_RESULTS; service logs: $LOGS/service-$MEASURE-{A,B}-r*.log"
