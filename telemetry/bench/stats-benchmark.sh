#!/usr/bin/env bash
# Benchmarks the stats engine: fills a DuckDB store with RECORDS synthetic usage records (default
# 10M), times every analysis over the whole window (median of 5 after a warm-up), then again while a
# second thread keeps appending, and prints a Markdown table and both ingestion rates.
#   telemetry/bench/stats-benchmark.sh [RECORDS] [STORE] [profile [ANALYSIS,...] | raw]
#   (STORE default: telemetry/target/bench/stats-RECORDS.duckdb; profile: each analysis once, every store
#   call timed; raw: the DuckDB store read without its daily rollups, for a before/after in one run)
# A store that already holds records is reused as it is (the write-load phase adds records to it).
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath="$PWD/telemetry/target/stats-bench.classpath"
# one invocation, so the reactor resolves switchboard-config to its classes: works from a clean
# clone, with nothing installed in the local repository
mvn -B -q test-compile dependency:build-classpath -pl telemetry -am -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
cd telemetry
exec java -Xmx4g -cp "target/test-classes:target/classes:../config/target/classes:$(cat "$classpath")" \
  dev.switchboard.telemetry.stats.StatsBenchmark "$@"
