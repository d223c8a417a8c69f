#!/usr/bin/env bash
# Runs the JMH hot-path benchmarks (never part of mvn verify) and prints ratio tables.
#
#   gateway/bench/jmh.sh                      # everything: gateway, telemetry enqueue, journal, classifier
#   gateway/bench/jmh.sh RouterBenchmark ...  # only these gateway benchmark classes
#
# Each figure is compared with the baseline* method of its class measured in the same run.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q -o test-compile -pl gateway -am
cp_file="$(mktemp)"
# with -am the reactor resolves our own modules as built, not as last installed; the module named
# last in the reactor writes the file last
for module in telemetry gateway; do
  mvn -B -q -o dependency:build-classpath -pl "$module" -am -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file.$module" >/dev/null
done
gateway_cp="gateway/target/test-classes:gateway/target/classes:telemetry/target/classes:config/target/classes:$(cat "$cp_file.gateway")"
telemetry_cp="telemetry/target/test-classes:telemetry/target/classes:config/target/classes:$(cat "$cp_file.telemetry")"
java -cp "$gateway_cp" dev.switchboard.gateway.bench.HotPathBenchmarks "$@"
if [ $# -eq 0 ]; then
  java -cp "$telemetry_cp" dev.switchboard.telemetry.store.UsageEnqueueBenchmark
  java -cp "$telemetry_cp" dev.switchboard.telemetry.journal.JournalAppendBenchmark
  java -cp "$telemetry_cp" dev.switchboard.telemetry.classify.ClassifierBenchmark
fi
