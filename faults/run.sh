#!/usr/bin/env bash
# Runs the fault-injection suite (src/test/java/cin/reminders/faults/FaultInjectionIT.java) against the packaged
# service and records its figures in RELIABILITY.md.
#
#   faults/run.sh          full size: 100k notices with 10 kill -9, 100k events with a 60 s broker stop,
#                          10k fuzzed events, SMTP and Notify down for 10 min, two replicas on 100k notices,
#                          a 22k-rung reminder firing burst with 10 kill -9
#   faults/run.sh ci       the CI size (what `./mvnw verify` runs): a few thousand messages
#   faults/run.sh both     CI size, then full size
#
# Extra arguments go to Maven, e.g. `faults/run.sh full -Dfaults.only=killDuringDispatch`.
# FAULTS_JAVA_HOME runs the service processes on another JDK (e.g. /usr/lib/jvm/temurin-25-jdk-amd64), with
# FAULTS_JVM_ARGS (e.g. "-XX:+UseCompactObjectHeaders"); the suite itself stays on the JDK running Maven.
# The suite needs a JDK 17 and nothing else: PostgreSQL (zonky), Kafka, SMTP (GreenMail) and Notify (WireMock) are
# started by the test; the service runs as child processes (java -jar target/quarkus-app/quarkus-run.jar).
set -uo pipefail
cd "$(dirname "$0")/.."

size="${1:-full}"
[ $# -gt 0 ] && shift

full_args=(-Dfaults.notices=100000 -Dfaults.events=100000 -Dfaults.fuzz=10000 -Dfaults.kills=10
           -Dfaults.firing-rungs=22000 -Dfaults.firing-kills=10
           -Dfaults.kafka-outage=PT60S -Dfaults.outage=PT10M -Dfaults.outage-notices=5000 -Dfaults.pg-down=PT30S
           -Dfaults.outage-first-retry=PT2S -Dfaults.outage-max-retry=PT60S)
ci_args=()

machine() {
  echo "* Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"\
       "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory, $(uname -sr)"
  echo "* Java (the service's): $("${FAULTS_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java" -version 2>&1 | head -1)${FAULTS_JVM_ARGS:+, options $FAULTS_JVM_ARGS}"
  # The suite's own outputs (these results, RELIABILITY.md) do not count as changes to what was run.
  echo "* Commit: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- . ':!faults/results' ':!RELIABILITY.md' 2>/dev/null || echo ' (with uncommitted changes)'),"\
       "run $(date -u +%Y-%m-%dT%H:%MZ)"
}

run_size() {
  local which="$1"; shift
  local args=()
  if [ "$which" = full ]; then args=("${full_args[@]}"); fi
  [ -n "${FAULTS_JAVA_HOME:-}" ] && args+=("-Dfaults.java-home=$FAULTS_JAVA_HOME")
  [ -n "${FAULTS_JVM_ARGS:-}" ] && args+=("-Dfaults.jvm-args=$FAULTS_JVM_ARGS")
  local cmd=(./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultInjectionIT
             "${args[@]}" "$@")
  echo "faults/run.sh: ${cmd[*]}"
  local header; header="$(machine)" # before the run: what was run, not what the run changed
  rm -rf target/faults
  local begin=$SECONDS
  "${cmd[@]}" 2>&1 | tee "target/faults-$which.log"
  local rc=${PIPESTATUS[0]}
  local took=$((SECONDS - begin))
  mkdir -p faults/results
  if [ -f target/faults/figures.md ]; then
    {
      echo "$header"
      echo "* Command: \`${cmd[*]}\`"
      echo "* Maven exit code: $rc; wall time $((took / 60)) min $((took % 60)) s"
      echo
      cat target/faults/figures.md
    } > "faults/results/$which.md"
    cp target/faults/figures.json "faults/results/$which.json"
    splice "$which" "faults/results/$which.md"
  fi
  return "$rc"
}

# Replaces the text between <!-- figures:NAME:start --> and <!-- figures:NAME:end --> in RELIABILITY.md.
splice() {
  local name="$1" file="$2"
  [ -f RELIABILITY.md ] || printf '# Reliability\n\n<!-- figures:ci:start -->\n<!-- figures:ci:end -->\n\n<!-- figures:full:start -->\n<!-- figures:full:end -->\n' > RELIABILITY.md
  awk -v start="<!-- figures:$name:start -->" -v end="<!-- figures:$name:end -->" -v file="$file" '
    $0 == start { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end   { skip = 0 }
    !skip       { print }' RELIABILITY.md > RELIABILITY.md.tmp && mv RELIABILITY.md.tmp RELIABILITY.md
}

rc=0
case "$size" in
  ci)   run_size ci "$@" || rc=$? ;;
  full) run_size full "$@" || rc=$? ;;
  both) run_size ci "$@" || rc=$?; run_size full "$@" || rc=$? ;;
  *)    echo "usage: faults/run.sh [full|ci|both] [maven args...]" >&2; exit 2 ;;
esac
echo "faults/run.sh: figures in RELIABILITY.md and faults/results/ (exit $rc)"
exit "$rc"
