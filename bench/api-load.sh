#!/usr/bin/env bash
# Load benchmark of the REST API on loopback (not part of ./mvnw verify):
#   bench/api-load.sh [CLIENTS=50] [SECONDS=60] [MESSAGES=3000]
# Writes a synthetic Postfix log of MESSAGES messages (2 recipients each, some deferred or bounced),
# ingests it into a fresh data directory, starts 'mailtrace serve' with the rate limit off, creates an
# API token through the API, and runs org.mailtrace.server.bench.ApiLoad: CLIENTS concurrent clients,
# mixed searches and details, printing throughput and p50/p99 latency.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
clients="${1:-50}"; seconds="${2:-60}"; messages="${3:-3000}"
work="$(mktemp -d)"; port="${MAILTRACE_BENCH_PORT:-18181}"
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$here" && ./mvnw -q -B -DskipTests package)
log="$work/mail.log"
awk -v n="$messages" 'BEGIN {
  for (i = 0; i < n; i++) {
    s = i % 60; m = int(i / 60) % 60; h = int(i / 3600) % 24;
    t = sprintf("Nov 28 %02d:%02d:%02d", h, m, s);
    q = sprintf("%X%06X", 10 + i % 6, i);
    pid = 1000 + i % 50; ip = sprintf("192.0.2.%d", 1 + i % 200);
    printf "%s mx postfix/smtpd[%d]: connect from client%d.example.net[%s]\n", t, pid, i, ip;
    printf "%s mx postfix/smtpd[%d]: %s: client=client%d.example.net[%s]\n", t, pid, q, i, ip;
    printf "%s mx postfix/cleanup[2001]: %s: message-id=<bench%d@example.net>\n", t, q, i;
    printf "%s mx postfix/qmgr[2002]: %s: from=<user%d@example.net>, size=%d, nrcpt=2 (queue active)\n", t, q, i % 500, 1000 + i;
    printf "%s mx postfix/local[2003]: %s: to=<box%d@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (delivered to mailbox)\n", t, q, i % 300;
    if (i % 10 == 0) {
      printf "%s mx postfix/local[2003]: %s: to=<gone%d@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (unknown user)\n", t, q, i % 300;
    } else {
      printf "%s mx postfix/local[2003]: %s: to=<team%d@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (delivered to mailbox)\n", t, q, i % 40;
    }
    printf "%s mx postfix/qmgr[2002]: %s: removed\n", t, q;
    printf "%s mx postfix/smtpd[%d]: disconnect from client%d.example.net[%s]\n", t, pid, i, ip;
  } }' > "$log"
"$here/mailtrace" ingest --data "$work/data" --year 2026 --timezone UTC --retention-days 0 --accepted-domain example.org "$log" >/dev/null
MAILTRACE_ADMIN_PASSWORD='bench-admin-password' "$here/mailtrace" serve --data "$work/data" \
  --listen "127.0.0.1:$port" --rate-limit 0 >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
token="$(curl -fs -u admin:bench-admin-password -H 'Content-Type: application/json' -d '{"label":"bench"}' \
  "http://127.0.0.1:$port/api/v1/users/admin/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')"
java -cp "$here/mailtrace-cli/target/lib/*" org.mailtrace.server.bench.ApiLoad "http://127.0.0.1:$port" "$token" "$clients" "$seconds"
