#!/usr/bin/env bash
# A real OpenSearch 2.19.6 on loopback for trying the OpenSearch store by hand or benchmarking it
# (the tests start their own node: OpenSearchNode). No Docker, no tarball: the jars are the ones the
# build copies to mailtrace-store-opensearch/target/opensearch from Maven Central.
#   bench/opensearch.sh start [NODES]   # 1 node: http://127.0.0.1:9200; N nodes: http 9201..920N
#   bench/opensearch.sh stop
# Nodes live under $OS_BASE (default /tmp/mailtrace-opensearch), fresh on every start; each node's
# output is in $OS_BASE/nN/stdout.log. $OS_HTTP_PORT / $OS_TRANSPORT_PORT (default 9200 / 9300) move
# the ports (N nodes: HTTP_PORT+1..HTTP_PORT+N), for a machine where 9200 is taken. As root the nodes run as uid/gid 65534 (OpenSearch refuses root).
# Java 17 to 23 (a security manager is needed); $JAVA picks another java than the one on the PATH.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$here/mailtrace-store-opensearch/target/opensearch"
base="${OS_BASE:-/tmp/mailtrace-opensearch}"
java="${JAVA:-java}"
http_base="${OS_HTTP_PORT:-9200}"; transport_base="${OS_TRANSPORT_PORT:-9300}"
cmd="${1:-}"; nodes="${2:-1}"

usage() { sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

fetch() { # the jars and descriptors, once (needs Maven Central the first time)
  [ -f "$dist/lib/opensearch-2.19.6.jar" ] && [ -f "$dist/config/log4j2.properties" ] && return 0
  (cd "$here" && ./mvnw -q -B -pl mailtrace-store-opensearch \
      dependency:copy@opensearch-dist resources:copy-resources@opensearch-dist-files)
}

http_port() { if [ "$nodes" = 1 ]; then echo "$http_base"; else echo $((http_base + $1)); fi; }
transport_port() { if [ "$nodes" = 1 ]; then echo "$transport_base"; else echo $((transport_base + $1)); fi; }

layout() { # node number -> $base/nN, a home of its own
  local n=$1 home="$base/n$1" seeds="" masters="" j
  rm -rf "$home"
  mkdir -p "$home/config" "$home/data" "$home/logs" "$home/tmp" "$home/plugins"
  cp -r "$dist/lib" "$dist/modules" "$home/"
  cp "$dist/config/log4j2.properties" "$home/config/"
  {
    echo "cluster.name: mailtrace-bench"
    echo "node.name: n$n"
    echo "path.data: $home/data"
    echo "path.logs: $home/logs"
    echo "network.host: 127.0.0.1"
    echo "http.port: $(http_port "$n")"
    echo "transport.port: $(transport_port "$n")"
    if [ "$nodes" = 1 ]; then
      echo "discovery.type: single-node"
    else
      for j in $(seq 1 "$nodes"); do seeds="$seeds\"127.0.0.1:$(transport_port "$j")\","; masters="$masters\"n$j\","; done
      echo "discovery.seed_hosts: [${seeds%,}]"
      echo "cluster.initial_cluster_manager_nodes: [${masters%,}]"
    fi
  } > "$home/config/opensearch.yml"
  chmod -R a+rX "$home"
  if [ "$(id -u)" = 0 ]; then chown -R 65534:65534 "$home"; fi
}

launch() {
  local home="$base/n$1" as=()
  if [ "$(id -u)" = 0 ]; then as=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
  nohup "${as[@]}" "$java" -Xms512m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -Dopensearch.path.home="$home" -Dopensearch.path.conf="$home/config" \
    -Dopensearch.distribution.type=tar -Dopensearch.bundled_jdk=false -Djava.io.tmpdir="$home/tmp" \
    -Dlog4j2.disable.jmx=true \
    -Dlog4j2.contextSelector=org.apache.logging.log4j.core.selector.BasicContextSelector \
    -Djava.locale.providers=SPI,COMPAT -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
    -Dio.netty.recycler.maxCapacityPerThread=0 \
    -cp "$home/lib/*" org.opensearch.bootstrap.OpenSearch > "$home/stdout.log" 2>&1 &
  echo $! > "$base/n$1.pid"
}

stop() {
  local f p i
  for f in "$base"/n*.pid; do
    [ -f "$f" ] || continue
    p=$(cat "$f"); kill "$p" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
    rm -f "$f"
  done
}

case "$cmd" in
  start)
    [[ "$nodes" =~ ^[1-9]$ ]] || usage
    stop
    fetch
    mkdir -p "$base"; chmod a+rx "$base"
    for n in $(seq 1 "$nodes"); do layout "$n"; done
    for n in $(seq 1 "$nodes"); do launch "$n"; done
    url="http://127.0.0.1:$(http_port 1)"
    for i in $(seq 1 480); do
      if curl -sf "$url/_cluster/health?wait_for_nodes=$nodes&wait_for_status=yellow&timeout=1s" > /dev/null 2>&1; then
        echo "opensearch: $nodes node(s) up, $url (one node: its indices stay yellow with the default 1 replica; harmless for trying it)"
        exit 0
      fi
      for n in $(seq 1 "$nodes"); do
        kill -0 "$(cat "$base/n$n.pid")" 2>/dev/null || { echo "opensearch: node n$n exited; end of $base/n$n/stdout.log:" >&2; tail -30 "$base/n$n/stdout.log" >&2; exit 1; }
      done
      sleep 0.25
    done
    echo "opensearch: not healthy after 120 s; see $base/n*/stdout.log" >&2
    exit 1 ;;
  stop) stop ;;
  *) usage ;;
esac
