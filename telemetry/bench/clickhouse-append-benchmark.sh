#!/usr/bin/env bash
# Benchmarks storing usage records in ClickHouse: starts Debian's clickhouse-server in a temp dir,
# appends ROWS gateway-like records in batches of BATCH (after WARMUP rows) and prints records/s
# and CPU per record (appending thread, rest of the JVM, clickhouse-server).
#   telemetry/bench/clickhouse-append-benchmark.sh [ROWS] [BATCH] [WARMUP]    (defaults 340000 3400 68000)
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath="$PWD/telemetry/target/append-bench.classpath"
# one invocation, so the reactor resolves switchboard-config to its classes (nothing installed)
mvn -B -q test-compile dependency:build-classpath -pl telemetry -am -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
cd telemetry
exec java -Xmx2g -cp "target/test-classes:target/classes:../config/target/classes:$(cat "$classpath")" \
  dev.switchboard.telemetry.store.ClickHouseAppendBenchmark "$@"
