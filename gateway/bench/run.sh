#!/usr/bin/env bash
# Benchmarks Switchboard side by side with a direct call to the shared mock upstream (and
# optionally Portkey) on this machine, in one run, and prints a table of ratios to direct.
#
#   gateway/bench/run.sh [--portkey] [--bare] [--shared] [--quick] [--duration 15] [--warmup 10]
#                        [--gateway-warmup 30] [--connections 64] [--no-build] [--jfr FILE]
#                        [--launcher bin|jar]
#   gateway/bench/run.sh --soak MINUTES [--no-build]   # memory soak instead of the comparison
#
# Switchboard runs with production settings: auth.mode keys (a key created through the admin API,
# with rpm/tpm/budget limits far above what the run reaches), a global upstream limit, telemetry
# to DuckDB and classification on, started as the README runs it: bin/switchboard (JDK 25+ with the
# AOT start-up cache when installed, the recommended JVM options: 256 MB heap, Serial GC with a
# fixed 64 MB young generation, capped direct memory, two malloc arenas trimmed every 2 s);
# --launcher jar runs java -jar on the default java with those options instead; SWITCHBOARD_JVM_OPTS
# overrides the options either way. Time to first byte of streams is measured with curl at concurrency 1
# over one kept-alive connection (as SDKs send), and once more with a new connection per request.
# The cold figure (JVM launch to first answer, and the first 10 s of non-stream load right after
# start as a share of the warm figure) is measured before any warm-up. Each target
# gets --warmup seconds of load per mode before it is measured, and Switchboard first serves
# --gateway-warmup seconds of each kind of request (the JIT needs about a minute here).
# --bare adds a bare Vert.x relay (BareProxy: no auth, routing, parsing or telemetry) as the
# ceiling any Vert.x gateway reaches here. --jfr records a JFR profile of the gateway into FILE. --soak drives Switchboard alone for MINUTES
# after a one-minute warm-up, alternating non-streaming and streaming load minute by minute, and
# after each minute forces a full GC and reports the heap left (the live set) and the RSS.
# --shared runs a second Switchboard beside the first, with shared stores: rate limits and budgets
# in Redis (state.redis) and usage records in ClickHouse (telemetry.store); keys stay in its own
# DuckDB state file (PostgreSQL keys are read once per key and cached, so they are left out). The
# script starts its own redis-server and clickhouse-server (Debian's binaries) on free loopback
# ports with their files in the run's temporary folder, and stops them on exit. Both gateways are
# measured mode by mode in the same run; the shared one's throughput is printed as a ratio of the
# embedded one's, with both added c=1 latencies and the CPU per request of the gateway, Redis and
# ClickHouse (with --jfr, the shared gateway's profile goes to FILE with "-shared" before .jfr).
# --quick shortens every phase (5 s measured, 3 s warm-up per mode, 10 s gateway warm-up, 100
# probes) for trying the script out; its figures are not for the README.
#
# Needs: java 17, maven, node, wrk (apt-get install -y wrk), curl; with --shared also
# redis-server and clickhouse-server. Uses loopback ports 9001 (mock), 8089 (Switchboard), 8090
# (bare relay), 8091 (Switchboard with shared stores), 8787 (Portkey).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${SHARED_DIR:-$root/../shared}"
[ -d "$shared/bench" ] || shared=/work/shared
duration=15 warmup=10 gateway_warmup=30 connections=64 portkey=0 bare=0 build=1 probes=300 jfr="" soak=0 shared_stores=0 launcher=bin
while [ $# -gt 0 ]; do
  case "$1" in
    --portkey) portkey=1 ;;
    --bare) bare=1 ;;
    --shared) shared_stores=1 ;;
    --quick) duration=5 warmup=3 gateway_warmup=10 probes=100 ;;
    --duration) duration="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --gateway-warmup) gateway_warmup="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --probes) probes="$2"; shift ;;
    --no-build) build=0 ;;
    --jfr) jfr="$2"; shift ;;
    --soak) soak="$2"; shift ;;
    --launcher) launcher="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
if [ "$shared_stores" = 1 ]; then
  [ -x /usr/bin/redis-server ] || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 2; }
  [ -x /usr/sbin/clickhouse-server ] || { echo "clickhouse-server is missing: apt-get install -y clickhouse-server" >&2; exit 2; }
fi
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  # the shared stores' data is large and of no use after the run
  rm -rf "$work/redis" "$work/clickhouse"
}
trap cleanup EXIT

if [ "$build" = 1 ]; then
  echo "building switchboard.jar ..." >&2
  (cd "$root" && mvn -B -q package -DskipTests)
fi

field() { echo "$1" | awk -v i="$2" '{print $i}'; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 never opened" >&2; return 1; }

MOCK_PORT=9001 node "$shared/bench/mock-upstream.js" > "$work/mock.log" 2>&1 & pids+=($!)
wait_port 9001

# production settings: keys with limits, a global upstream limit, DuckDB telemetry, classification
admin_key="sk-bench-admin-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat > "$work/switchboard.yaml" <<YAML
server: { host: 127.0.0.1, port: 8089 }
providers:
  - { id: mock, kind: openai-compatible, base_url: "http://127.0.0.1:9001/v1" }
models:
  - name: openai/gpt-4o-mini
    targets: [ { provider: mock, model: gpt-4o-mini } ]
telemetry: { store: "$work/bench.duckdb" }
auth:
  mode: keys
  admin_key: \${SWITCHBOARD_ADMIN_KEY}
  upstream_limits:
    - { provider: mock, model: gpt-4o-mini, rpm: 100000000, tpm: 100000000000 }
classifier: { enabled: true }
YAML
default_jvm_opts="-Xms128m -Xmn64m -XX:SurvivorRatio=4 -XX:+UseSerialGC -XX:MetaspaceSize=96m -XX:MaxDirectMemorySize=64m"
# hand memory freed by malloc back to the OS every 2 s (JDK 17.0.9 and later): about 22 MB less
# RSS at full load for no measurable CPU; older JVMs do not know the flag and go without
java -XX:TrimNativeHeapInterval=2000 -version > /dev/null 2>&1 && default_jvm_opts+=" -XX:TrimNativeHeapInterval=2000"
jvm_opts=(${SWITCHBOARD_JVM_OPTS:-$default_jvm_opts})
# Switchboard starts the way the README runs it: bin/switchboard (on a JDK 25+ with the AOT start-up
# cache when one is installed, the recommended JVM options); --launcher jar runs java -jar on the
# default java with the options above instead
launch() { # config log [extra JVM options...]: starts a gateway in the background
  local config="$1" log="$2"; shift 2
  if [ "$launcher" = bin ]; then
    SWITCHBOARD_ADMIN_KEY="$admin_key" SWITCHBOARD_JVM_EXTRA="$*" \
      "$root/bin/switchboard" --config "$config" > "$log" 2>&1 &
  else
    MALLOC_ARENA_MAX=2 SWITCHBOARD_ADMIN_KEY="$admin_key" java -Xmx256m "${jvm_opts[@]}" "$@" \
      -jar "$root/gateway/target/switchboard.jar" --config "$config" > "$log" 2>&1 &
  fi
}
if [ "$launcher" = bin ]; then
  "$root/bin/switchboard" --record-cache # once per jar, before the clock starts
  launched_as="bin/switchboard: $("$root/bin/switchboard" --print-command | sed 's/ -jar .*//')"
  jcmd_bin="$(dirname "$("$root/bin/switchboard" --print-command | cut -d' ' -f1)")/jcmd" # the running JVM's own
else
  launched_as="java -Xmx256m ${jvm_opts[*]}"
  jcmd_bin=jcmd
fi
start_ns=$(date +%s%N)
launch "$work/switchboard.yaml" "$work/switchboard.log" -Xlog:gc:file="$work/gc.log" \
  ${jfr:+-XX:StartFlightRecording=filename=$jfr,settings=profile,dumponexit=true}
sb_pid=$!; pids+=($sb_pid)
wait_port 8089
# a gateway key as an application would get it: created through the admin API, stored in DuckDB
create_key() { # port -> the new key's secret
  curl -sf "http://127.0.0.1:$1/v1/admin/keys" -H "Authorization: Bearer $admin_key" \
    -H 'Content-Type: application/json' \
    -d '{"name":"bench","owner":"bench","country":"DE","models":["openai/*"],"rpm":100000000,"tpm":100000000000,"budget_usd_day":1000000000}' \
    | sed -n 's/.*"key":"\(sk-[^"]*\)".*/\1/p'
}
gateway_key=$(create_key 8089)
[ -n "$gateway_key" ] || { echo "could not create a gateway key" >&2; exit 1; }
# start to first answer: from launching the JVM to the first chat answer received
curl -sf -o /dev/null http://127.0.0.1:8089/v1/chat/completions -H "Authorization: Bearer $gateway_key" \
  -H 'Content-Type: application/json' \
  -d '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Hello there, how are you today?"}]}'
first_answer_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

# the gateway's largest RSS while under load, sampled every second
( while kill -0 "$sb_pid" 2>/dev/null; do ps -o rss= -p "$sb_pid" >> "$work/rss.log" 2>/dev/null; sleep 1; done ) &
pids+=($!)

if [ "$bare" = 1 ]; then
  java -Xmx256m -XX:+UseSerialGC -cp "$root/gateway/target/test-classes:$root/gateway/target/switchboard.jar" \
    dev.switchboard.gateway.bench.BareProxy 8090 http://127.0.0.1:9001/v1/chat/completions > "$work/bare.log" 2>&1 &
  pids+=($!)
  wait_port 8090
fi

if [ "$portkey" = 1 ]; then
  # installed once into ~/.cache/portkey-peer; the script prints the PID of Portkey's node process
  pk_pid=$(PORTKEY_PORT=8787 bash "$shared/bench/start-portkey.sh" 2> "$work/portkey.log" | tail -1)
  pids+=($pk_pid)
  wait_port 8787
fi

body() { # $1 model, $2 stream
  printf '{"model":"%s","stream":%s,"messages":[{"role":"user","content":"Hello there, how are you today?"}]}' "$1" "$2"
}
body "gpt-4o-mini" false > "$work/direct.json"; body "gpt-4o-mini" true > "$work/direct-stream.json"
body "openai/gpt-4o-mini" false > "$work/sb.json"; body "openai/gpt-4o-mini" true > "$work/sb-stream.json"
pk_headers="x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:9001/v1|Authorization: Bearer sk-dummy"

if [ "$soak" -gt 0 ]; then
  heap_after_full_gc() { # MB of heap in use right after a full collection, once queues drained
    sleep 5 # records of the last requests are still being built, classified and written
    "$jcmd_bin" "$sb_pid" GC.run > /dev/null
    "$jcmd_bin" "$sb_pid" GC.heap_info | grep -E 'generation|DefNew|Tenured|garbage-first heap|parallel' | grep -oE 'used [0-9]+K' \
      | awk '{s+=$2} END {printf "%.1f", s / 1024}'
  }
  url=http://127.0.0.1:8089/v1/chat/completions; h="Authorization: Bearer $gateway_key"
  echo "soak: warming up for 60 s ..." >&2
  WRK_BODY_FILE="$work/sb.json" WRK_HEADERS="$h" wrk -t1 -c"$connections" -d60s -s "$here/wrk-report.lua" "$url" > /dev/null
  echo
  echo "## Soak $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $soak min after 1 min warm-up, wrk -t1 -c$connections, launched as $launched_as"
  echo
  echo "| minute | load | req/s | heap after full GC MB | RSS MB |"
  echo "|---|---|---|---|---|"
  echo "| 0 | (after warm-up) | - | $(heap_after_full_gc) | $(( $(ps -o rss= -p "$sb_pid") / 1024 )) |" | tee "$work/soak.md"
  for minute in $(seq 1 "$soak"); do
    if [ $((minute % 2)) = 1 ]; then mode=non-stream; f="$work/sb.json"; else mode=stream; f="$work/sb-stream.json"; fi
    rps=$(WRK_BODY_FILE="$f" WRK_HEADERS="$h" wrk -t1 -c"$connections" -d60s -s "$here/wrk-report.lua" "$url" | sed -n 's/^RESULT rps=\([0-9.]*\).*/\1/p')
    echo "| $minute | $mode | $rps | $(heap_after_full_gc) | $(( $(ps -o rss= -p "$sb_pid") / 1024 )) |" | tee -a "$work/soak.md"
  done
  awk -F'|' 'NR > 1 {h = $5 + 0; if (min == "" || h < min) min = h; if (h > max) max = h}
    END {printf "\nHeap after full GC from minute 1 on: min %.1f MB, max %.1f MB, spread %.1f%% of min.\n", min, max, (max - min) * 100 / min}' "$work/soak.md"
  echo "Records stored: $(curl -s "http://127.0.0.1:8089/v1/stats/overview" -H "Authorization: Bearer $admin_key" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p' | head -1); dropped: $(curl -s http://127.0.0.1:8089/metrics | grep -E '^switchboard_telemetry_records_total\{outcome="dropped"' | awk '{print $2}')."
  exit 0
fi

warm_wrk() { # url bodyfile headers connections: load without measuring
  WRK_BODY_FILE="$2" WRK_HEADERS="$3" wrk -t1 -c"$4" -d"$warmup"s -s "$here/wrk-report.lua" "$1" > /dev/null 2>&1 || true
}

run_wrk() { # url bodyfile headers connections seconds -> "rps p50 p90 p99 requests errors"
  WRK_BODY_FILE="$2" WRK_HEADERS="$3" wrk -t1 -c"$4" -d"$5"s -s "$here/wrk-report.lua" "$1" 2>&1 \
    | sed -n 's/^RESULT //p' | tr ' ' '\n' | cut -d= -f2 | tr '\n' ' '
}

ttfb() { # url bodyfile headers [new] -> "p50 p99" of time to first byte (ms) at concurrency 1
  # over one kept-alive connection, as SDKs send requests; with "new", a new connection each time
  local args=() h urls=()
  IFS='|' read -ra hs <<< "$3"; for h in "${hs[@]}"; do [ -n "$h" ] && args+=(-H "$h"); done
  if [ "${4:-}" = new ]; then
    for _ in $(seq 1 "$probes"); do
      curl -s -o /dev/null -w '%{time_starttransfer}\n' -H 'Content-Type: application/json' "${args[@]}" --data-binary @"$2" "$1"
    done
  else
    for _ in $(seq 1 $((probes + 20))); do urls+=("$1"); done
    # the first 20 warm the connection up; bodies go to /dev/null, timings to stderr
    curl -s -w '%{stderr}%{time_starttransfer}\n' -H 'Content-Type: application/json' "${args[@]}" \
      --data-binary @"$2" "${urls[@]}" 2>&1 >/dev/null | tail -n +21
  fi | sort -n | awk '{a[NR]=$1*1000} END {printf "%.3f %.3f", a[int(NR*0.5)], a[int(NR*0.99)]}'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/${1:-$sb_pid}/stat"; } # utime + stime, clock ticks
thread_ticks() { # "group ticks" per thread group of the gateway ($1, default the embedded one);
  # DuckDB's native threads carry the name of the worker thread that opened the store
  for t in /proc/"${1:-$sb_pid}"/task/*; do
    printf '%s %s\n' "$(tr ' ' _ < "$t/comm")" "$(awk '{print $14 + $15}' "$t/stat")"
  done 2>/dev/null | awk '{n=$1; sub(/-?[0-9]+$/, "", n); a[n]+=$2} END {for (k in a) print k, a[k]}' | sort
}

thread_names() { # readable names for the thread groups of thread_ticks
  sed -e 's/vert\.x-eventloo/event loops/' \
    -e 's/switchboard-usa/usage writer/; s/switchboard-rec/record builder/; s/switchboard-cla/classifier/' \
    -e 's/vert\.x-worker-t/workers + DuckDB threads/; s/VM_Thread/GC/; s/C2_CompilerThre/JIT C2/; s/C1_CompilerThre/JIT C1/'
}

target_of() { # sets url, b (body file prefix) and h (headers) for target $1
  case "$1" in
    direct) url=http://127.0.0.1:9001/v1/chat/completions; b=direct; h="" ;;
    switchboard) url=http://127.0.0.1:8089/v1/chat/completions; b=sb; h="Authorization: Bearer $gateway_key" ;;
    bare) url=http://127.0.0.1:8090/v1/chat/completions; b=direct; h="" ;;
    portkey) url=http://127.0.0.1:8787/v1/chat/completions; b=direct; h="$pk_headers" ;;
    shared) url=http://127.0.0.1:8091/v1/chat/completions; b=sb; h="Authorization: Bearer $shared_key" ;;
  esac
}

# the cold figure: the first 10 s of load right after start, before any warm-up (autoscalers and
# deploys start gateways all day); compared below with the same load once warm
echo "measuring Switchboard cold (first 10 s after start) ..." >&2
cold=$(run_wrk http://127.0.0.1:8089/v1/chat/completions "$work/sb.json" "Authorization: Bearer $gateway_key" "$connections" 10)

if [ "$shared_stores" = 1 ]; then
  # started after the cold figure, which stays the embedded gateway's alone
  echo "starting redis-server, clickhouse-server and a Switchboard with shared stores ..." >&2
  free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
  mkdir -p "$work/redis" "$work/clickhouse"
  redis_port=$(free_port)
  # as the tests' RedisServer: no persistence, files in the run's folder
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work/redis" \
    > "$work/redis/redis.log" 2>&1 &
  redis_pid=$!; pids+=($redis_pid)
  ch_pass="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  ch_http=$(free_port); ch_tcp=$(free_port); ch_inter=$(free_port)
  # as the tests' ClickHouseServer: its own config, loopback only, a password, warnings only
  cat > "$work/clickhouse/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><console>0</console>
    <log>$work/clickhouse/clickhouse-server.log</log><errorlog>$work/clickhouse/clickhouse-server.err.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$ch_http</http_port>
  <tcp_port>$ch_tcp</tcp_port>
  <interserver_http_port>$ch_inter</interserver_http_port>
  <path>$work/clickhouse/data/</path>
  <tmp_path>$work/clickhouse/tmp/</tmp_path>
  <user_files_path>$work/clickhouse/user_files/</user_files_path>
  <format_schema_path>$work/clickhouse/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <users>
    <default><password>$ch_pass</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile><quota>default</quota></default>
  </users>
  <profiles><default></default></profiles>
  <quotas><default></default></quotas>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
</yandex>
XML
  (cd "$work/clickhouse" && exec /usr/sbin/clickhouse-server --config-file="$work/clickhouse/config.xml" \
    > "$work/clickhouse/console.log" 2>&1) &
  ch_pid=$!; pids+=($ch_pid)
  wait_port "$redis_port"; wait_port "$ch_http"
  # the same gateway, but limits and budgets in Redis and the records in ClickHouse
  sed -e 's/port: 8089/port: 8091/' \
    -e "s|^telemetry: .*|telemetry: { store: \"clickhouse://default:$ch_pass@127.0.0.1:$ch_http/switchboard\", state_file: \"$work/shared-state.duckdb\" }|" \
    "$work/switchboard.yaml" > "$work/switchboard-shared.yaml"
  printf 'state: { redis: "redis://127.0.0.1:%s/0" }\n' "$redis_port" >> "$work/switchboard-shared.yaml"
  launch "$work/switchboard-shared.yaml" "$work/switchboard-shared.log" \
    ${jfr:+-XX:StartFlightRecording=filename=${jfr%.jfr}-shared.jfr,settings=profile,dumponexit=true}
  sh_pid=$!; pids+=($sh_pid)
  wait_port 8091
  shared_key=$(create_key 8091)
  [ -n "$shared_key" ] || { echo "could not create a key on the shared gateway (see $work/switchboard-shared.log)" >&2; exit 1; }
fi

# a gateway that has served for a while: the JIT needs about a minute of this machine's CPU
gateways=(switchboard); [ "$shared_stores" = 1 ] && gateways+=(shared)
echo "warming ${gateways[*]} up for $((2 * gateway_warmup * ${#gateways[@]})) s ..." >&2
for g in "${gateways[@]}"; do
  target_of "$g"
  for f in sb.json sb-stream.json; do
    WRK_BODY_FILE="$work/$f" WRK_HEADERS="$h" wrk -t1 -c"$connections" \
      -d"$gateway_warmup"s -s "$here/wrk-report.lua" "$url" > /dev/null 2>&1 || true
  done
done

declare -A R
targets=(direct switchboard); [ "$shared_stores" = 1 ] && targets+=(shared); [ "$bare" = 1 ] && targets+=(bare); [ "$portkey" = 1 ] && targets+=(portkey)
# mode by mode, every target in turn: the machine's other load drifts, and ratios compare
# measurements taken close together
for mode in json sse c1; do
  for t in "${targets[@]}"; do
    target_of "$t"
    echo "measuring $t ($mode) ..." >&2
    case "$mode" in
      json) body_file="$work/$b.json"; c="$connections" ;;
      sse) body_file="$work/$b-stream.json"; c="$connections" ;;
      c1) body_file="$work/$b.json"; c=1 ;;
    esac
    warm_wrk "$url" "$body_file" "$h" "$c"
    if [ "$t" = switchboard ]; then
      [ "$mode" = json ] && gc_from=$(wc -l < "$work/gc.log") && thread_ticks > "$work/threads0"
      ticks0=$(cpu_ticks)
    fi
    if [ "$t" = shared ]; then
      [ "$mode" = json ] && thread_ticks "$sh_pid" > "$work/shared-threads0"
      sticks0="$(cpu_ticks "$sh_pid") $(cpu_ticks "$redis_pid") $(cpu_ticks "$ch_pid")"
    fi
    R[$t,$mode]=$(run_wrk "$url" "$body_file" "$h" "$c" "$duration")
    if [ "$t" = shared ]; then
      served=$(field "${R[$t,$mode]}" 5)
      # gateway, redis-server and clickhouse-server µs of CPU per request served
      R[scpu,$mode]=$(echo "$sticks0 $(cpu_ticks "$sh_pid") $(cpu_ticks "$redis_pid") $(cpu_ticks "$ch_pid")" \
        | awk -v n="${served:-0}" '{printf "%d %d %d", ($4 - $1) * 10000 / (n + 1), ($5 - $2) * 10000 / (n + 1), ($6 - $3) * 10000 / (n + 1)}')
      [ "$mode" = json ] && thread_ticks "$sh_pid" > "$work/shared-threads1" \
        && shared_by_thread=$(join "$work/shared-threads0" "$work/shared-threads1" | awk -v n="${served:-1}" '$3 > $2 {printf "%s %.1f\n", $1, ($3 - $2) * 10000 / n}' \
          | sort -k2 -n -r | head -8 | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}' | thread_names)
    fi
    if [ "$t" = switchboard ]; then
      ticks=$(( $(cpu_ticks) - ticks0 )); served=$(field "${R[$t,$mode]}" 5)
      R[cpu,$mode]=$(( ticks * 10000 / (${served:-0} + 1) ))
      [ "$mode" = json ] && thread_ticks > "$work/threads1" \
        && by_thread=$(join "$work/threads0" "$work/threads1" | awk -v n="${served:-1}" '$3 > $2 {printf "%s %.1f\n", $1, ($3 - $2) * 10000 / n}' \
          | sort -k2 -n -r | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}' | thread_names)
    fi
  done
done
for t in "${targets[@]}"; do
  target_of "$t"
  R[$t,ttfb]=$(ttfb "$url" "$work/$b-stream.json" "$h")
  R[$t,ttfbnew]=$(ttfb "$url" "$work/$b-stream.json" "$h" new)
done
rss_kb=$(ps -o rss= -p "$sb_pid" | tr -d ' ')
rss_max_kb=$(sort -n "$work/rss.log" | tail -1)
# stop-the-world pauses only: G1's "Concurrent Mark Cycle" lines also end in ms but pause nothing
gc_pauses=$(tail -n +"$((gc_from + 1))" "$work/gc.log" | grep ' Pause ' | grep -oE '[0-9.]+ms$' | tr -d 'ms' | sort -n | awk '{a[NR]=$1; s+=$1} END {if (NR==0) print "0 0 0"; else printf "%d %.2f %.2f", NR, s, a[NR]}')
records=$(curl -s "http://127.0.0.1:8089/v1/stats/overview" -H "Authorization: Bearer $admin_key" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p' | head -1)

metrics=$(curl -s http://127.0.0.1:8089/metrics)
metric() { echo "$metrics" | grep -E "^$1" | awk '{s+=$2} END {printf "%d", s}'; }
shed=$(metric 'switchboard_classifier_shed_total'); dropped=$(metric 'switchboard_telemetry_records_total\{outcome="dropped"')

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
echo
echo "## Benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(uname -m)), wrk -t1 -c$connections ${duration}s after ${warmup}s warm-up per mode"
echo
echo "| target | req/s | ratio to direct | p50 ms | p90 ms | p99 ms | stream req/s | stream ratio | stream p99 ms | c=1 p50 ms | c=1 p99 ms | TTFB p50 ms | TTFB p99 ms |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for t in "${targets[@]}"; do
  j=${R[$t,json]}; s=${R[$t,sse]}; c=${R[$t,c1]}; f=${R[$t,ttfb]}
  echo "| $t | $(field "$j" 1) | $(ratio "$(field "$j" 1)" "$(field "${R[direct,json]}" 1)") | $(field "$j" 2) | $(field "$j" 3) | $(field "$j" 4) | $(field "$s" 1) | $(ratio "$(field "$s" 1)" "$(field "${R[direct,sse]}" 1)") | $(field "$s" 4) | $(field "$c" 2) | $(field "$c" 4) | $(field "$f" 1) | $(field "$f" 2) |"
done
echo
c1d=${R[direct,c1]}; c1s=${R[switchboard,c1]}; fd=${R[direct,ttfb]}; fs=${R[switchboard,ttfb]}
echo "Added latency at concurrency 1 (switchboard − direct): p50 $(awk -v a="$(field "$c1s" 2)" -v b="$(field "$c1d" 2)" 'BEGIN{printf "%.3f", a-b}') ms, p99 $(awk -v a="$(field "$c1s" 4)" -v b="$(field "$c1d" 4)" 'BEGIN{printf "%.3f", a-b}') ms; added TTFB p50 $(awk -v a="$(field "$fs" 1)" -v b="$(field "$fd" 1)" 'BEGIN{printf "%.3f", a-b}') ms, p99 $(awk -v a="$(field "$fs" 2)" -v b="$(field "$fd" 2)" 'BEGIN{printf "%.3f", a-b}') ms (kept-alive connection)."
nd=${R[direct,ttfbnew]}; ns=${R[switchboard,ttfbnew]}
echo "TTFB on a new connection per request (p50/p99 ms): direct $(field "$nd" 1)/$(field "$nd" 2), switchboard $(field "$ns" 1)/$(field "$ns" 2)."
if [ "$portkey" = 1 ]; then
  echo "Switchboard ÷ Portkey: $(ratio "$(field "${R[switchboard,json]}" 1)" "$(field "${R[portkey,json]}" 1)")× non-stream, $(ratio "$(field "${R[switchboard,sse]}" 1)" "$(field "${R[portkey,sse]}" 1)")× stream requests/s."
fi
echo "Switchboard RSS after the run: $((rss_kb / 1024)) MB, largest under load $((rss_max_kb / 1024)) MB (max heap 256 MB; launched as $launched_as); GC pauses under load (count, total ms, max ms): $gc_pauses; gateway CPU per request (µs, non-stream/stream/c=1): ${R[cpu,json]}/${R[cpu,sse]}/${R[cpu,c1]}; usage records stored: ${records:-?} (dropped: ${dropped:-?}, classification shed: ${shed:-?})."
echo "Cold start: JVM launch to first answer $first_answer_ms ms; the first 10 s of non-stream load after start ran at $(field "$cold" 1) req/s, $(ratio "$(field "$cold" 1)" "$(field "${R[switchboard,json]}" 1)") of the warm figure above (p99 $(field "$cold" 4) ms, errors $(field "$cold" 6))."
echo "Gateway CPU by thread in the non-stream run (µs per request): $by_thread."
echo "Errors (non-stream/stream/c1) — direct: $(field "${R[direct,json]}" 6)/$(field "${R[direct,sse]}" 6)/$(field "${R[direct,c1]}" 6), switchboard: $(field "${R[switchboard,json]}" 6)/$(field "${R[switchboard,sse]}" 6)/$(field "${R[switchboard,c1]}" 6)"
if [ "$shared_stores" = 1 ]; then
  added() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a-b}'; }
  c1h=${R[shared,c1]}; fh=${R[shared,ttfb]}
  shared_metrics=$(curl -s http://127.0.0.1:8091/metrics)
  smetric() { echo "$shared_metrics" | grep -E "^$1" | awk '{s+=$2} END {printf "%d", s}'; }
  shared_records=$(curl -s "http://127.0.0.1:8091/v1/stats/overview" -H "Authorization: Bearer $admin_key" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p' | head -1)
  cpu3() { echo "$(field "${R[scpu,json]}" "$1")/$(field "${R[scpu,sse]}" "$1")/$(field "${R[scpu,c1]}" "$1")"; }
  echo
  echo "Shared stores (rate limits and budgets in Redis, records in ClickHouse; keys in DuckDB) ÷ embedded, same run: non-stream $(ratio "$(field "${R[shared,json]}" 1)" "$(field "${R[switchboard,json]}" 1)"), stream $(ratio "$(field "${R[shared,sse]}" 1)" "$(field "${R[switchboard,sse]}" 1)") (target 0.85)."
  echo "Added latency at concurrency 1 (gateway − direct, p50/p99 ms): embedded $(added "$(field "$c1s" 2)" "$(field "$c1d" 2)")/$(added "$(field "$c1s" 4)" "$(field "$c1d" 4)"), shared $(added "$(field "$c1h" 2)" "$(field "$c1d" 2)")/$(added "$(field "$c1h" 4)" "$(field "$c1d" 4)"); added TTFB (p50/p99 ms): embedded $(added "$(field "$fs" 1)" "$(field "$fd" 1)")/$(added "$(field "$fs" 2)" "$(field "$fd" 2)"), shared $(added "$(field "$fh" 1)" "$(field "$fd" 1)")/$(added "$(field "$fh" 2)" "$(field "$fd" 2)")."
  echo "CPU per request with shared stores (µs, non-stream/stream/c=1): gateway $(cpu3 1) (embedded ${R[cpu,json]}/${R[cpu,sse]}/${R[cpu,c1]}), redis-server $(cpu3 2), clickhouse-server $(cpu3 3); shared gateway by thread (non-stream): $shared_by_thread."
  echo "Shared gateway: records in ClickHouse ${shared_records:-?} (dropped: $(smetric 'switchboard_telemetry_records_total\{outcome="dropped"')), Redis fallbacks (limits/budgets): $(smetric 'gateway_limits_store_fallbacks')/$(smetric 'gateway_budget_store_fallbacks'), errors (non-stream/stream/c1): $(field "${R[shared,json]}" 6)/$(field "${R[shared,sse]}" 6)/$(field "${R[shared,c1]}" 6)."
fi
