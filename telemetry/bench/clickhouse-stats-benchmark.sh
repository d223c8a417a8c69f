#!/usr/bin/env bash
# Benchmarks the stats engine on ClickHouse: starts Debian's clickhouse-server on a data folder kept
# between runs (telemetry/target/bench/clickhouse-RECORDS), fills it with RECORDS synthetic records
# (default 10M) if empty, times every analysis (median of 5 after a warm-up), then again while a
# second thread keeps appending, and prints a Markdown table and both ingestion rates.
#   telemetry/bench/clickhouse-stats-benchmark.sh [RECORDS] [profile [ANALYSIS,...] | fill]
#   (profile: each analysis once, every store call timed, then a table of 3 runs; fill: only load)
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath="$PWD/telemetry/target/stats-bench.classpath"
# one invocation, so the reactor resolves switchboard-config to its classes (nothing installed)
mvn -B -q test-compile dependency:build-classpath -pl telemetry -am -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
cd telemetry
exec java -Xmx3g -cp "target/test-classes:target/classes:../config/target/classes:$(cat "$classpath")" \
  dev.switchboard.telemetry.store.ClickHouseStatsBenchmark "$@"
