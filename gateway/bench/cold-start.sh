#!/usr/bin/env bash
# Measures Switchboard's cold start, alternating launchers in one run: JVM launch to the first chat
# answer (through a key created with the admin API, as the harness does), then the first 10 s of
# non-stream load right after (wrk -c64) and, for reference, 10 s of the same load once the
# process has served 60 s more; and where the gateway's CPU went in those first 10 s, by thread. Launchers compared:
#   jar   java -jar switchboard.jar with the recommended JVM options on the default java
#   bin   bin/switchboard (JDK 25+ with the AOT start-up cache when installed)
#
#   gateway/bench/cold-start.sh [--runs 3] [--no-build] [--warm 60]
#
# Needs: java, maven, node, wrk, curl. Uses loopback ports 9301 (mock) and 8389.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${SHARED_DIR:-$root/../shared}"
[ -d "$shared/bench" ] || shared=/work/shared
runs=3 build=1 warm=60
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift ;;
    --no-build) build=0 ;;
    --warm) warm="$2"; shift ;;
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
wait_port() { for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; echo "port $1 never opened" >&2; cat "$work"/*.log >&2; return 1; }

MOCK_PORT=9301 node "$shared/bench/mock-upstream.js" > "$work/mock.log" 2>&1 & pids+=($!)
wait_port 9301
admin_key="sk-bench-admin-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '{"model":"openai/gpt-4o-mini","stream":false,"messages":[{"role":"user","content":"Hello there, how are you today?"}]}' > "$work/sb.json"
jar_opts="-Xmx256m -Xms128m -Xmn64m -XX:SurvivorRatio=4 -XX:+UseSerialGC -XX:MetaspaceSize=96m -XX:MaxDirectMemorySize=64m"
java -XX:TrimNativeHeapInterval=2000 -version > /dev/null 2>&1 && jar_opts+=" -XX:TrimNativeHeapInterval=2000"
# record bin/switchboard's cache before measuring (once per jar)
"$root/bin/switchboard" --help > /dev/null

thread_cpu() { # pid -> "thread-group ticks" lines (user + system CPU), sorted for join
  for t in /proc/"$1"/task/*; do
    name=$(sed -E 's/[0-9]+$//; s/[ #]+/_/g' "$t/comm" 2>/dev/null) || continue
    echo "$name $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)"
  done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}
cpu_lines=()

rps_for() { # seconds -> requests per second of non-stream load
  WRK_BODY_FILE="$work/sb.json" WRK_HEADERS="Authorization: Bearer $key" wrk -t1 -c64 -d"$1"s \
    -s "$here/wrk-report.lua" http://127.0.0.1:8389/v1/chat/completions 2>&1 | sed -n 's/^RESULT rps=\([0-9.]*\).*/\1/p'
}

echo "| run | launcher | launch to first answer ms | first 10 s req/s | after ${warm} s req/s | share |"
echo "|---|---|---|---|---|---|"
for run in $(seq 1 "$runs"); do
  for launcher in jar bin; do
    rm -rf "$work/data"; mkdir -p "$work/data"
    cat > "$work/switchboard.yaml" <<YAML
server: { host: 127.0.0.1, port: 8389 }
providers:
  - { id: mock, kind: openai-compatible, base_url: "http://127.0.0.1:9301/v1" }
models:
  - name: openai/gpt-4o-mini
    targets: [ { provider: mock, model: gpt-4o-mini } ]
telemetry: { store: "$work/data/bench.duckdb" }
auth: { mode: keys, admin_key: "\${SWITCHBOARD_ADMIN_KEY}" }
classifier: { enabled: true }
YAML
    start_ns=$(date +%s%N)
    if [ "$launcher" = jar ]; then
      MALLOC_ARENA_MAX=2 SWITCHBOARD_ADMIN_KEY="$admin_key" java $jar_opts -jar "$root/gateway/target/switchboard.jar" \
        --config "$work/switchboard.yaml" > "$work/$launcher.log" 2>&1 &
    else
      SWITCHBOARD_ADMIN_KEY="$admin_key" "$root/bin/switchboard" --config "$work/switchboard.yaml" > "$work/$launcher.log" 2>&1 &
    fi
    pid=$!; pids+=($pid)
    wait_port 8389
    key=""
    while [ -z "$key" ]; do
      key=$(curl -s http://127.0.0.1:8389/v1/admin/keys -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
        -d '{"name":"bench","owner":"bench","models":["openai/*"]}' | sed -n 's/.*"key":"\(sk-[^"]*\)".*/\1/p')
    done
    curl -sf -o /dev/null http://127.0.0.1:8389/v1/chat/completions -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' --data-binary @"$work/sb.json"
    first_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
    thread_cpu "$pid" > "$work/cpu0"
    cold=$(rps_for 10)
    thread_cpu "$pid" > "$work/cpu1"
    # where the CPU of the first 10 s went, by thread group (ms), largest first
    spent=$(join -a2 -e0 -o 0,1.2,2.2 "$work/cpu0" "$work/cpu1" | awk -v hz="$(getconf CLK_TCK)" \
      '{d = ($3 - $2) * 1000 / hz; if (d >= 20) printf "%d %s\n", d, $1}' | sort -rn | awk '{printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1}')
    cpu_lines+=("run $run $launcher: $spent")
    WRK_BODY_FILE="$work/sb.json" WRK_HEADERS="Authorization: Bearer $key" wrk -t1 -c64 -d"$warm"s \
      -s "$here/wrk-report.lua" http://127.0.0.1:8389/v1/chat/completions > /dev/null 2>&1 || true
    warm_rps=$(rps_for 10)
    echo "| $run | $launcher | $first_ms | $cold | $warm_rps | $(awk -v a="$cold" -v b="$warm_rps" 'BEGIN {printf "%.2f", a / b}') |"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
echo
echo "Gateway CPU in the first 10 s of load, by thread group (ms; JIT = C1/C2 CompilerThread):"
for line in "${cpu_lines[@]}"; do echo "- $line"; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; default java: $(java -version 2>&1 | head -1)"
