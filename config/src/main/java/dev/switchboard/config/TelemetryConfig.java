package dev.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Configures where usage records go and how the writer batches them.
 *
 * @param store DuckDB file path
 * @param queueCapacity records held in memory before overflow is counted and records dropped
 * @param batchSize records appended per transaction at most
 * @param flushInterval longest time a record waits in the queue before being written
 */
public record TelemetryConfig(
    Path store, int queueCapacity, int batchSize, Duration flushInterval) {

  /**
   * Returns the defaults: ./data/switchboard.duckdb, 65536 queued, batches of 4096, 50 ms. Records
   * wait for their batch no longer than a young collection takes to come round under load, so they
   * die young instead of being promoted (at 200 ms they filled the old generation: full GCs).
   */
  public static TelemetryConfig defaults() {
    return new TelemetryConfig(
        Path.of("data", "switchboard.duckdb"), 65_536, 4_096, Duration.ofMillis(50));
  }
}
