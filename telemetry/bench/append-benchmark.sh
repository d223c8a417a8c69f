#!/usr/bin/env bash
# Benchmarks storing usage records: appends ROWS gateway-like records in batches of BATCH (after
# WARMUP rows) to a file-backed DuckDB store in a temp dir and prints process CPU per record (split
# into the appending thread, DuckDB's threads and the rest), records/s, checkpoints and spill.
#   telemetry/bench/append-benchmark.sh [ROWS] [BATCH] [WARMUP]    (defaults 340000 3400 68000)
# BENCH_SET="SET threads=1;SET checkpoint_threshold='64MB'" applies DuckDB settings after open.
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath="$PWD/telemetry/target/append-bench.classpath"
# one invocation, so the reactor resolves switchboard-config to its classes: works from a clean
# clone, with nothing installed in the local repository
mvn -B -q test-compile dependency:build-classpath -pl telemetry -am -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
cd telemetry
exec java -Xmx512m "-Dbench.set=${BENCH_SET:-}" \
  -cp "target/test-classes:target/classes:../config/target/classes:$(cat "$classpath")" \
  dev.switchboard.telemetry.store.UsageAppendBenchmark "$@"
