#!/usr/bin/env bash
# Measures what an ingress dialect costs over chat completions, in one run on this machine: the
# same streamed and non-streamed request through /v1/chat/completions, /v1/messages (translated:
# the upstream is the shared OpenAI-compatible mock) and /v1/responses, plus the mock directly.
# Prints throughput (wrk, -c connections) and time to first byte at concurrency 1 (curl over one
# kept-alive connection), with ratios to chat and added TTFB over direct.
#
#   gateway/bench/dialects.sh [--duration 10] [--warmup 20] [--connections 64] [--probes 300] [--no-build]
#
# Needs: java 17, maven, node, wrk, curl. Loopback ports 9011 (mock) and 8091 (Switchboard).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${SHARED_DIR:-$root/../shared}"
[ -d "$shared/bench" ] || shared=/work/shared
duration=10 warmup=20 connections=64 probes=300 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --probes) probes="$2"; shift ;;
    --no-build) build=0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
[ "$build" = 1 ] && (cd "$root" && mvn -B -q package -DskipTests)
wait_port() { for _ in $(seq 1 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 never opened" >&2; return 1; }

MOCK_PORT=9011 node "$shared/bench/mock-upstream.js" >"$work/mock.log" 2>&1 & pids+=($!)
cat > "$work/switchboard.yaml" <<YAML
server: { host: 127.0.0.1, port: 8091 }
providers:
  - { id: mock, kind: openai-compatible, base_url: "http://127.0.0.1:9011/v1" }
models:
  - name: openai/gpt-4o-mini
    targets: [ { provider: mock, model: gpt-4o-mini } ]
telemetry: { store: "$work/bench.duckdb" }
classifier: { enabled: true }
YAML
# shellcheck disable=SC2086
java ${SWITCHBOARD_JVM_OPTS:--Xmx256m -XX:+UseSerialGC} -jar "$root/gateway/target/switchboard.jar" \
  --config "$work/switchboard.yaml" >"$work/gateway.log" 2>&1 & pids+=($!)
wait_port 9011; wait_port 8091

msg='{"role":"user","content":"Write a haiku about routers."}'
printf '{"model":"gpt-4o-mini","messages":[%s]}' "$msg" > "$work/direct.json"
printf '{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[%s]}' "$msg" > "$work/direct-stream.json"
printf '{"model":"openai/gpt-4o-mini","messages":[%s]}' "$msg" > "$work/chat.json"
printf '{"model":"openai/gpt-4o-mini","stream":true,"messages":[%s]}' "$msg" > "$work/chat-stream.json"
printf '{"model":"openai/gpt-4o-mini","max_tokens":256,"messages":[%s]}' "$msg" > "$work/messages.json"
printf '{"model":"openai/gpt-4o-mini","max_tokens":256,"stream":true,"messages":[%s]}' "$msg" > "$work/messages-stream.json"
printf '{"model":"openai/gpt-4o-mini","store":false,"input":"Write a haiku about routers."}' > "$work/responses.json"
printf '{"model":"openai/gpt-4o-mini","store":false,"stream":true,"input":"Write a haiku about routers."}' > "$work/responses-stream.json"

load() { # url bodyfile seconds -> "rps p50 p90 p99 requests errors"
  WRK_BODY_FILE="$2" wrk -t1 -c"$connections" -d"$3"s -s "$here/wrk-report.lua" "$1" 2>&1 \
    | sed -n 's/^RESULT //p' | tr ' ' '\n' | cut -d= -f2 | tr '\n' ' '
}
ttfb() { # url bodyfile -> "p50 p99" ms at concurrency 1 over one kept-alive connection
  local urls=()
  for _ in $(seq 1 $((probes + 20))); do urls+=("$1"); done
  curl -s -w '%{stderr}%{time_starttransfer}\n' -H 'Content-Type: application/json' \
    --data-binary @"$2" "${urls[@]}" 2>&1 >/dev/null | tail -n +21 \
    | sort -n | awk '{a[NR]=$1*1000} END {printf "%.3f %.3f", a[int(NR*0.5)], a[int(NR*0.99)]}'
}

declare -A URL=([direct]=http://127.0.0.1:9011/v1/chat/completions [chat]=http://127.0.0.1:8091/v1/chat/completions
  [messages]=http://127.0.0.1:8091/v1/messages [responses]=http://127.0.0.1:8091/v1/responses)
targets=(direct chat messages responses)
echo "warming up ($warmup s per target and mode) ..." >&2
for t in "${targets[@]}"; do
  load "${URL[$t]}" "$work/$t.json" "$warmup" >/dev/null
  load "${URL[$t]}" "$work/$t-stream.json" "$warmup" >/dev/null
done
declare -A R
for t in "${targets[@]}"; do
  echo "measuring $t ..." >&2
  R[$t,json]=$(load "${URL[$t]}" "$work/$t.json" "$duration")
  R[$t,sse]=$(load "${URL[$t]}" "$work/$t-stream.json" "$duration")
  R[$t,ttfb]=$(ttfb "${URL[$t]}" "$work/$t-stream.json")
done
f() { echo "$1" | awk -v i="$2" '{print $i}'; }
printf '\n%-10s %12s %12s %9s %9s %12s %12s %10s\n' target json_rps sse_rps json/chat sse/chat ttfb_p50_ms ttfb_p99_ms errors
for t in "${targets[@]}"; do
  j=${R[$t,json]}; s=${R[$t,sse]}; c=${R[chat,json]}; cs=${R[chat,sse]}
  printf '%-10s %12.0f %12.0f %9.2f %9.2f %12.3f %12.3f %10s\n' "$t" "$(f "$j" 1)" "$(f "$s" 1)" \
    "$(awk -v a="$(f "$j" 1)" -v b="$(f "$c" 1)" 'BEGIN{print a/b}')" \
    "$(awk -v a="$(f "$s" 1)" -v b="$(f "$cs" 1)" 'BEGIN{print a/b}')" \
    "$(f "${R[$t,ttfb]}" 1)" "$(f "${R[$t,ttfb]}" 2)" "$(( $(f "$j" 6) + $(f "$s" 6) ))"
done
d=${R[direct,ttfb]}
echo
for t in chat messages responses; do
  printf 'added TTFB over direct, %-9s p50 %.3f ms, p99 %.3f ms\n' "$t" \
    "$(awk -v a="$(f "${R[$t,ttfb]}" 1)" -v b="$(f "$d" 1)" 'BEGIN{print a-b}')" \
    "$(awk -v a="$(f "${R[$t,ttfb]}" 2)" -v b="$(f "$d" 2)" 'BEGIN{print a-b}')"
done
