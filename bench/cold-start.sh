#!/usr/bin/env bash
# The cold-start figures of docs/benchmark.md ("Cold start"): a fresh JVM per command, as a user
# runs the CLI (not part of ./mvnw verify).
#   bench/cold-start.sh ROUNDS STORE RECIPIENT LOG
# e.g. ./mailtrace-bench generate --messages 1000000 --output /tmp/cs/gen-1000000-42.log, ingest it
# into /tmp/cs/store (./mailtrace ingest --data /tmp/cs/store ...), then
#   head -n 1000000 /tmp/cs/gen-1000000-42.log > /tmp/cs/gen-1M-lines.log
#   bench/cold-start.sh 5 /tmp/cs/store walter.garcia@example.org /tmp/cs/gen-1M-lines.log
# trace: `trace --recipient RECIPIENT` (first page of 100 rows) on STORE, wall time per JVM option set;
# ingest: LOG into a fresh data directory, wall time and lines/s per option set. Every option set
# runs once per round, one after the other, so that a machine whose speed drifts (shared cores)
# slows all of them alike: compare the medians of one run of this script, not figures of two runs.
# "launcher" (trace) is ./mailtrace with its defaults (MAILTRACE_JAVA_OPTS unset). Set PARTS=trace or
# PARTS=ingest to run one part only. The archives it compares are built in a scratch directory.
set -euo pipefail
if [ $# -ne 4 ]; then
  sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
rounds="$1"; store="$2"; recipient="$3"; log="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/mailtrace-cli/target/mailtrace-cli.jar"
parts="${PARTS:-trace ingest}"
[ -d "$store" ] || { echo "cold-start: $store: no such data directory" >&2; exit 2; }
[ -f "$log" ] || { echo "cold-start: $log: no such file" >&2; exit 2; }
"$here/mailtrace" --version >/dev/null # builds the jar and its archive when they are missing or stale
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unset MAILTRACE_JAVA_OPTS
export MAILTRACE_CONFIG=

echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | sed -n 2p)"
echo "# archives: static = cds-archive.sh (training on samples/), dynamic = -XX:ArchiveClassesAtExit on one trace run"
"$here/mailtrace-cli/src/build/cds-archive.sh" java "$jar" "$work/static.jsa" "$here/samples/postfix-loopback.log" >/dev/null
java -XX:ArchiveClassesAtExit="$work/dynamic.jsa" -jar "$jar" trace --data "$store" --recipient "$recipient" >/dev/null 2>"$work/dump.err"

accept=()
for d in example.org example.com example.net acme.example globex.example initech.example umbrella.example hooli.example; do
  accept+=(--accepted-domain "$d") # the generator's hosted domains
done

timed() { # LABEL COMMAND... -> appends "LABEL WALL CPU" to $work/runs
  local label="$1" start end; shift
  start=$(date +%s.%N)
  /usr/bin/env time -f "%U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
    echo "cold-start: '$label' failed:" >&2; cat "$work/err" >&2; exit 1
  }
  end=$(date +%s.%N)
  echo "$label $(echo "$end - $start" | bc) $(awk '{print $1 + $2}' "$work/time")" | tee -a "$work/runs" >&2
}
report() { # UNIT_LINES: prints the median wall and CPU per label, in first-run order, and the ratio to the first
  awk -v lines="$1" '
    !($1 in n) { order[++labels] = $1 }
    { n[$1]++; wall[$1, n[$1]] = $2; cpu[$1, n[$1]] = $3 }
    function median(arr, label, k,   a, i, j, t) {
      for (i = 1; i <= k; i++) a[i] = arr[label, i]
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    END {
      for (l = 1; l <= labels; l++) {
        label = order[l]; w = median(wall, label, n[label]); c = median(cpu, label, n[label])
        if (l == 1) first = w
        if (lines > 0) printf "%-28s median wall %7.2f s  CPU %7.2f s  %9.0f lines/s  %.2fx faster than %s\n", label, w, c, lines / w, first / w, order[1]
        else printf "%-28s median wall %7.3f s  CPU %6.2f s  %.2fx faster than %s\n", label, w, c, first / w, order[1]
      }
    }' "$work/runs"
}

if [[ " $parts " == *" trace "* ]]; then
  : >"$work/runs"
  c1serial="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
  for _ in $(seq 1 "$rounds"); do
    q=(trace --data "$store" --recipient "$recipient")
    timed java-default java -jar "$jar" "${q[@]}"
    # shellcheck disable=SC2086
    timed c1+serial java $c1serial -jar "$jar" "${q[@]}"
    # shellcheck disable=SC2086
    timed c1+serial+dynamic-cds java $c1serial -XX:SharedArchiveFile="$work/dynamic.jsa" -jar "$jar" "${q[@]}"
    # shellcheck disable=SC2086
    timed c1+serial+static-cds java $c1serial -XX:SharedArchiveFile="$work/static.jsa" -jar "$jar" "${q[@]}"
    timed launcher "$here/mailtrace" "${q[@]}"
  done
  echo "# trace --recipient $recipient on $store, $rounds rounds; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
  report 0
fi

if [[ " $parts " == *" ingest "* ]]; then
  : >"$work/runs"
  lines=$(wc -l <"$log")
  ingest() { # LABEL JAVA_COMMAND...: LOG into a fresh store
    local label="$1"; shift
    rm -rf "$work/store"
    timed "$label" "$@" ingest --data "$work/store" --year 2026 --timezone UTC --retention-days 0 "${accept[@]}" "$log"
  }
  for _ in $(seq 1 "$rounds"); do
    ingest parallel+tiered java -XX:+UseParallelGC -jar "$jar"
    ingest parallel+c1 java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -jar "$jar"
    ingest parallel+tiered+static-cds java -XX:+UseParallelGC -XX:SharedArchiveFile="$work/static.jsa" -jar "$jar"
    ingest parallel+c1+static-cds java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$work/static.jsa" -jar "$jar"
  done
  echo "# ingest of $log ($lines lines) into a fresh store, $rounds rounds; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
  report "$lines"
fi
