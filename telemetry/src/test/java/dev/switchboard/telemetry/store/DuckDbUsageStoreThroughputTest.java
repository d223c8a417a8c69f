package dev.switchboard.telemetry.store;

import static dev.switchboard.telemetry.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TestRecords;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs append throughput for orientation; asserts nothing about time. */
class DuckDbUsageStoreThroughputTest {
  private static final Logger log = LoggerFactory.getLogger(DuckDbUsageStoreThroughputTest.class);
  private static final int ROWS = 100_000;
  private static final int BATCH = 4_096;

  @TempDir Path dir;

  @Test
  void logsAppendRowsPerSecond() {
    List<UsageRecord> records = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      records.add(
          TestRecords.record(
              "req-" + i, T0.plusMillis(i), "gpt-4o", "gpt-4o-2024-08-06", "openai",
              new TokenUsage(1_000L + i % 500, 200L, null, 100L, null), Outcome.SUCCESS, 0.004));
    }
    try (DuckDbUsageStore store = DuckDbUsageStore.open(dir.resolve("throughput.duckdb"))) {
      long start = System.nanoTime();
      for (int from = 0; from < ROWS; from += BATCH) {
        store.append(records.subList(from, Math.min(ROWS, from + BATCH)));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      log.info(
          "Appended {} rows in batches of {} to a DuckDB file in {} s: {} rows/s",
          ROWS, BATCH, String.format("%.3f", seconds), String.format("%.0f", ROWS / seconds));
      assertThat(store.count()).isEqualTo(ROWS);
    }
  }
}
