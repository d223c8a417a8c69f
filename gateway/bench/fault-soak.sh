#!/usr/bin/env bash
# Runs Switchboard at full load for MINUTES against an upstream that fails at random in every way
# issue 15 lists (HostileUpstream: endless, declared-1-GiB, gzip-bomb and endless-error answers,
# endless events, silent and comment-only streams, HTML, no content type, invalid UTF-8, duplicate
# keys, absurd usage, a year of Retry-After, redirects, brotli, cut-off answers; half the answers
# good) and prints the fault-soak table: requests, answers by status, the gateway's own faults
# (must stay 0), heap after a full GC each minute (must stay flat), and records stored against
# answers received (must be equal).
#
#   gateway/bench/fault-soak.sh MINUTES [--connections 16] [--no-build]
#
# The gateway runs with the benchmark's JVM settings (256 MB heap, Serial GC), open auth, DuckDB
# telemetry and classification on; upstream caps of 1 MiB per answer and per event (so that the
# worst case, every connection holding a capped answer, stays inside the heap: see README), and
# short per-target limits (first byte 2 s, idle 1 s, total 15 s), and circuit breakers off: with
# half the answers hostile they would open (and a 429's Retry-After, capped at an hour, would cool
# a target down for that long), and the soak would measure fast 503s instead of hostile answers. Every model has two hostile
# targets, one OpenAI-compatible and one Anthropic, so fallbacks are exercised too. Ports 9011
# (hostile upstream) and 8091 (Switchboard) on loopback.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
minutes="${1:?usage: fault-soak.sh MINUTES [--connections N] [--no-build]}"; shift
connections=16 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) connections="$2"; shift ;;
    --no-build) build=0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 never opened" >&2; return 1; }

if [ "$build" = 1 ]; then
  echo "building switchboard.jar and the test classes ..." >&2
  (cd "$root" && mvn -B -q package -DskipTests -Dfuzz.skip=true)
fi
# run from copies, so a build during the soak cannot pull the jar from under the JVMs
cp -r "$root/gateway/target/test-classes" "$work/test-classes"
cp "$root/gateway/target/switchboard.jar" "$work/switchboard.jar"
cp="$work/test-classes:$work/switchboard.jar"

java -Xmx512m -XX:+UseSerialGC -cp "$cp" dev.switchboard.gateway.hostile.HostileUpstream 9011 42 > "$work/hostile.log" 2>&1 &
pids+=($!)
wait_port 9011

cat > "$work/switchboard.yaml" <<YAML
server: { host: 127.0.0.1, port: 8091, max_upstream_body_bytes: 1048576, max_upstream_event_bytes: 1048576 }
providers:
  - { id: chaos-openai, kind: openai-compatible, base_url: "http://127.0.0.1:9011/chaos/v1" }
  - { id: chaos-anthropic, kind: anthropic, base_url: "http://127.0.0.1:9011/chaos" }
models:
  - name: soak/openai
    targets:
      - { provider: chaos-openai, model: m-openai, timeouts: { first_byte_ms: 2000, idle_ms: 1000, total_ms: 15000 } }
      - { provider: chaos-anthropic, model: m-anthropic, timeouts: { first_byte_ms: 2000, idle_ms: 1000, total_ms: 15000 } }
  - name: soak/anthropic
    targets:
      - { provider: chaos-anthropic, model: m-anthropic, timeouts: { first_byte_ms: 2000, idle_ms: 1000, total_ms: 15000 } }
      - { provider: chaos-openai, model: m-openai, timeouts: { first_byte_ms: 2000, idle_ms: 1000, total_ms: 15000 } }
routing: { breaker: { enabled: false } }   # open breakers would turn most of the soak into fast 503s
telemetry: { store: "$work/soak.duckdb" }
classifier: { enabled: true }
YAML
jvm_opts="-Xms128m -Xmn64m -XX:SurvivorRatio=4 -XX:+UseSerialGC -XX:MetaspaceSize=96m -XX:MaxDirectMemorySize=64m"
MALLOC_ARENA_MAX=2 java -Xmx256m $jvm_opts -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath="$work" \
  -jar "$work/switchboard.jar" --config "$work/switchboard.yaml" > "$work/switchboard.log" 2>&1 &
sb_pid=$!; pids+=($sb_pid)
wait_port 8091

echo "## Fault soak $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (load average before: $(cut -d' ' -f1-3 /proc/loadavg)), $minutes min, $connections connections, JVM: -Xmx256m $jvm_opts"
echo
java -Xmx256m -cp "$cp" dev.switchboard.gateway.bench.FaultSoak http://127.0.0.1:8091 "$sb_pid" "$minutes" "$connections" \
  2> "$work/driver.err"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg). OutOfMemoryError in the gateway log: $(grep -c OutOfMemoryError "$work/switchboard.log" || true).  Work dir: $work"
