#!/usr/bin/env bash
# The cold-ingest figures of docs/benchmark.md ("Cold ingest"): `./mailtrace ingest` of a log from a
# fresh JVM into an empty data directory, as a user runs it, beside the long-run figure (not part of
# ./mvnw verify).
#   bench/cold-ingest.sh ROUNDS COLD_LOG LONG_LOG [LABEL=MAILTRACE_JAVA_OPTS ...]
# e.g. ./mailtrace-bench generate --messages 1000000 --seed 42 --output /tmp/ci/gen-1000000-42.log
#   head -n 1000000 /tmp/ci/gen-1000000-42.log > /tmp/ci/gen-1M-lines.log
#   bench/cold-ingest.sh 3 /tmp/ci/gen-1M-lines.log /tmp/ci/gen-1000000-42.log 'xmn=-Xmn512m'
# cold: COLD_LOG (1M lines: one day of a mid-size server) with the launcher's own defaults, then once
# per LABEL=OPTIONS with MAILTRACE_JAVA_OPTS=OPTIONS (what it names wins over the launcher's choice of
# the same kind: collector, JIT, class sharing); all of them once per round, one after the other, so a
# machine whose speed drifts slows them alike: compare the medians of one run of this script.
# lines/s = lines / wall time of the whole command (JVM start, store creation, final commit).
# long: LONG_LOG (the 13.8M-line day of 1M messages) once, at the end, with the launcher's defaults:
# lines/s of the whole command and the rate the ingest summary prints (its own run time); - skips it.
# CPU = user + system seconds of the command; on a shared machine it moves far less than wall time.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '4,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
rounds="$1"; cold_log="$2"; long_log="$3"; shift 3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for f in "$cold_log" "$long_log"; do
  [ "$f" = - ] || [ -f "$f" ] || { echo "cold-ingest: $f: no such file" >&2; exit 2; }
done
"$here/mailtrace" --version >/dev/null # builds the jar and its archive when they are missing or stale
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unset MAILTRACE_JAVA_OPTS
export MAILTRACE_CONFIG=
accept=()
for d in example.org example.com example.net acme.example globex.example initech.example umbrella.example hooli.example; do
  accept+=(--accepted-domain "$d") # the generator's hosted domains
done

ingest() { # LABEL JAVA_OPTS LOG -> appends "LABEL WALL CPU LINES SUMMARY_RATE" to $work/runs
  local label="$1" opts="$2" log="$3" start end
  rm -rf "$work/store"
  start=$(date +%s.%N)
  MAILTRACE_JAVA_OPTS="$opts" /usr/bin/env time -f "%U %S" -o "$work/time" "$here/mailtrace" ingest \
    --data "$work/store" --year 2026 --timezone UTC --retention-days 0 "${accept[@]}" "$log" >"$work/out" 2>&1 || {
    echo "cold-ingest: '$label' failed:" >&2; cat "$work/out" >&2; exit 1
  }
  end=$(date +%s.%N)
  local lines rate
  lines=$(sed -n 's/^lines read *\([0-9,]*\).*/\1/p' "$work/out" | tr -d ,)
  rate=$(sed -n 's/^lines read .*(\([0-9,]*\) lines\/s.*/\1/p' "$work/out" | tr -d ,)
  echo "$label $(echo "$end - $start" | bc) $(awk '{print $1 + $2}' "$work/time") ${lines:-0} ${rate:-0}" | tee -a "$work/runs" >&2
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | sed -n 2p)"
: >"$work/runs"
for _ in $(seq 1 "$rounds"); do
  ingest launcher "" "$cold_log"
  for set in "$@"; do
    ingest "${set%%=*}" "${set#*=}" "$cold_log"
  done
done
[ "$long_log" = - ] || ingest long-run "" "$long_log"
echo "# load average now $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
  !($1 in n) { order[++labels] = $1 }
  { n[$1]++; wall[$1, n[$1]] = $2; cpu[$1, n[$1]] = $3; lines[$1] = $4; rate[$1, n[$1]] = $5 }
  function median(arr, label, k,   a, i, j, t) {
    for (i = 1; i <= k; i++) a[i] = arr[label, i]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    for (l = 1; l <= labels; l++) {
      label = order[l]; k = n[label]; w = median(wall, label, k); c = median(cpu, label, k)
      if (l == 1) { first = w; firstcpu = c }
      printf "%-12s %10d lines  median of %d: wall %7.1f s  CPU %7.1f s  %7.0f lines/s (summary: %7.0f)", \
        label, lines[label], k, w, c, lines[label] / w, median(rate, label, k)
      if (label != "long-run" && l > 1) printf "  wall %.3f, CPU %.3f of launcher", w / first, c / firstcpu
      printf "\n"
    }
  }' "$work/runs"
