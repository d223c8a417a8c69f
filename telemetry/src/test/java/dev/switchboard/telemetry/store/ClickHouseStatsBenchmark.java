package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.StatsBenchmark;
import java.nio.file.Path;

/**
 * Runs {@link StatsBenchmark} on ClickHouse: starts clickhouse-server on a data folder that is
 * kept between runs ({@code target/bench/clickhouse-RECORDS}, so 10M records load once), then
 * fills and times it as the DuckDB run does. {@code telemetry/bench/clickhouse-stats-benchmark.sh [RECORDS]}.
 */
public final class ClickHouseStatsBenchmark {
  private ClickHouseStatsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String records = args.length > 0 ? args[0] : "10000000";
    try (ClickHouseServer server = ClickHouseServer.start(Path.of("target/bench/clickhouse-" + records))) {
      StatsBenchmark.main(new String[] {records, server.url("bench")});
    }
  }
}
