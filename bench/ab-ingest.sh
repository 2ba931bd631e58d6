#!/usr/bin/env bash
# Compares the ingest speed of two builds on the same log, run after run (not part of ./mvnw verify):
#   bench/ab-ingest.sh PAIRS CLI_JAR_A CLI_JAR_B LOG
# e.g. after `git worktree add /tmp/old <commit> && (cd /tmp/old && ./mvnw -q -DskipTests package)`:
#   bench/ab-ingest.sh 4 /tmp/old/mailtrace-cli/target/mailtrace-cli.jar mailtrace-cli/target/mailtrace-cli.jar \
#       /tmp/perfbench/gen-1000000-42.log
# A log of a given size: ./mailtrace-bench generate --messages N --output FILE (or `head -n` of one).
# Each run ingests LOG into a fresh data directory with the ingest JVM the benchmark uses (-Xmx1g,
# ParallelGC), A then B, PAIRS times, and prints wall and CPU seconds per run, the medians and B/A.
# On a machine whose speed drifts, only pairs measured like this say which build is faster; a
# single run of each does not. AB_JAVA_OPTS adds JVM options to both, e.g. the launcher's cold-ingest
# JIT: AB_JAVA_OPTS=-XX:TieredStopAtLevel=1 bench/ab-ingest.sh ...
set -euo pipefail
if [ $# -ne 4 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
pairs="$1"; jar_a="$2"; jar_b="$3"; log="$4"
for f in "$jar_a" "$jar_b" "$log"; do
  [ -f "$f" ] || { echo "ab-ingest: $f: no such file" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
accept=()
for d in example.org example.com example.net acme.example globex.example initech.example umbrella.example hooli.example; do
  accept+=(--accepted-domain "$d") # the generator's hosted domains
done
run() { # JAR LABEL -> "LABEL wall W cpu C"
  rm -rf "$work/store"
  local start end cpu
  start=$(date +%s.%N)
  /usr/bin/env time -f "%U %S" -o "$work/time" java -Xmx1g -XX:+UseParallelGC ${AB_JAVA_OPTS:-} -jar "$1" ingest \
    --data "$work/store" --year 2026 --timezone UTC --retention-days 0 --output json "${accept[@]}" "$log" >/dev/null
  end=$(date +%s.%N)
  cpu=$(awk '{print $1 + $2}' "$work/time")
  echo "$2 wall $(echo "$end - $start" | bc) cpu $cpu"
}
for _ in $(seq 1 "$pairs"); do
  run "$jar_a" A
  run "$jar_b" B
done | tee "$work/runs"
awk '
  { wall[$1] = wall[$1] " " $3; cpu[$1] = cpu[$1] " " $5; sum[$1] += $5 }
  $1 == "A" { a = $5 }
  $1 == "B" { pairs++; printf "pair %d B/A CPU %.3f\n", pairs, $5 / a }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    wa = median(wall["A"]); wb = median(wall["B"])
    printf "median wall A %.2f s, B %.2f s; median CPU A %.2f s, B %.2f s\n", wa, wb, median(cpu["A"]), median(cpu["B"])
    faster = (wa + 0 > wb + 0)
    printf "B/A wall %.3f (B %.1f%% %s)\n", wb / wa, (faster ? wa / wb - 1 : wb / wa - 1) * 100, (faster ? "faster" : "slower")
    printf "B/A CPU, sums of all pairs: %.3f\n", sum["B"] / sum["A"]
    printf "B/A CPU, medians: %.3f\n", median(cpu["B"]) / median(cpu["A"])
  }' "$work/runs"
