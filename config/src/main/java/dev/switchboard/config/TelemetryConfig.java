package dev.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Configures where usage records go and how the writer batches them.
 *
 * @param store DuckDB file path (the default store); unused when {@code clickhouse} is set
 * @param queueCapacity records held in memory before overflow is counted and records dropped
 * @param batchSize records appended per transaction at most
 * @param flushInterval longest time a record waits in the queue before being written
 * @param clickhouse the ClickHouse server holding the records instead of {@code store}, or null
 * @param stateFile the local DuckDB file for keys, spend and stored bodies when the records live in
 *     ClickHouse (with a DuckDB store they share its file)
 * @param journal the durable journal in front of the store; null gives the default journal,
 *     next to the DuckDB store (or next to the state file when the records live in ClickHouse)
 */
public record TelemetryConfig(
    Path store,
    int queueCapacity,
    int batchSize,
    Duration flushInterval,
    ClickHouseStore clickhouse,
    Path stateFile,
    JournalConfig journal) {

  /** The default batch size with a ClickHouse store (fewer, larger inserts). */
  public static final int CLICKHOUSE_BATCH_SIZE = 16_384;

  /** The default flush interval with a ClickHouse store. */
  public static final Duration CLICKHOUSE_FLUSH_INTERVAL = Duration.ofSeconds(1);

  /** The default {@link #stateFile}. */
  public static final Path DEFAULT_STATE_FILE = Path.of("data", "switchboard-state.duckdb");

  public TelemetryConfig {
    stateFile = stateFile == null ? DEFAULT_STATE_FILE : stateFile;
    journal = journal == null ? JournalConfig.defaultsFor(clickhouse != null ? stateFile : store) : journal;
  }

  /** Configures a DuckDB store at {@code store} with the default journal. */
  public TelemetryConfig(Path store, int queueCapacity, int batchSize, Duration flushInterval) {
    this(store, queueCapacity, batchSize, flushInterval, null, DEFAULT_STATE_FILE, null);
  }

  /** Configures a DuckDB store at {@code store} with {@code journal}. */
  public TelemetryConfig(
      Path store, int queueCapacity, int batchSize, Duration flushInterval, JournalConfig journal) {
    this(store, queueCapacity, batchSize, flushInterval, null, DEFAULT_STATE_FILE, journal);
  }

  /** Configures where the records go, with the default journal. */
  public TelemetryConfig(
      Path store,
      int queueCapacity,
      int batchSize,
      Duration flushInterval,
      ClickHouseStore clickhouse,
      Path stateFile) {
    this(store, queueCapacity, batchSize, flushInterval, clickhouse, stateFile, null);
  }

  /** Returns the defaults: ./data/switchboard.duckdb, 65536 queued, batches of 4096, 200 ms. */
  public static TelemetryConfig defaults() {
    return new TelemetryConfig(
        Path.of("data", "switchboard.duckdb"), 65_536, 4_096, Duration.ofMillis(200));
  }

  /**
   * Returns the defaults with the records where {@code text} says, spelled as {@code
   * telemetry.store}: a ClickHouse location or a DuckDB file path.
   *
   * @throws IllegalArgumentException when a ClickHouse location is malformed
   */
  public static TelemetryConfig forStore(String text) {
    return ClickHouseStore.isClickHouse(text)
        ? defaults().withClickHouse(ClickHouseStore.parse(text))
        : defaults().withStore(Path.of(text));
  }

  /** Returns this config with the records in ClickHouse at {@code location} (default journal). */
  public TelemetryConfig withClickHouse(ClickHouseStore location) {
    return new TelemetryConfig(store, queueCapacity, batchSize, flushInterval, location, stateFile, null);
  }

  /** Returns this config with the records in the DuckDB file {@code path} (default journal). */
  public TelemetryConfig withStore(Path path) {
    return new TelemetryConfig(path, queueCapacity, batchSize, flushInterval, null, stateFile, null);
  }

  /** Returns this config with keys, spend and bodies in {@code path} when the records are in ClickHouse. */
  public TelemetryConfig withStateFile(Path path) {
    return new TelemetryConfig(store, queueCapacity, batchSize, flushInterval, clickhouse, path, journal);
  }

  /** Says where the records go, without secrets. */
  public String describeStore() {
    return clickhouse != null ? clickhouse.toString() : String.valueOf(store);
  }
}
