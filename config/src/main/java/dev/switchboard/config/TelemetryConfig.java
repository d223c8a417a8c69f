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
 * @param journal the durable journal in front of the store
 */
public record TelemetryConfig(
    Path store, int queueCapacity, int batchSize, Duration flushInterval, JournalConfig journal) {

  public TelemetryConfig {
    journal = journal == null ? JournalConfig.defaultsFor(store) : journal;
  }

  /** Returns a configuration with the default journal for {@code store}. */
  public TelemetryConfig(Path store, int queueCapacity, int batchSize, Duration flushInterval) {
    this(store, queueCapacity, batchSize, flushInterval, null);
  }

  /** Returns the defaults: ./data/switchboard.duckdb, 65536 queued, batches of 4096, 200 ms. */
  public static TelemetryConfig defaults() {
    return new TelemetryConfig(
        Path.of("data", "switchboard.duckdb"), 65_536, 4_096, Duration.ofMillis(200));
  }
}
