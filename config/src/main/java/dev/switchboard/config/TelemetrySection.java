package dev.switchboard.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Maps the {@code telemetry} section onto {@link TelemetryConfig}; unset keys take defaults. */
final class TelemetrySection {
  private static final long MAX_FLUSH_INTERVAL_MS = Duration.ofHours(1).toMillis();

  private TelemetrySection() {}

  /** Reads the section, or returns the defaults when it is absent. */
  static TelemetryConfig read(Optional<YamlNodeReader> section) {
    TelemetryConfig defaults = TelemetryConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader telemetry = section.get();
    telemetry.rejectUnknownKeys(
        "store", "state_file", "queue_capacity", "batch_size", "flush_interval_ms", "journal");
    Optional<String> storeText = telemetry.nonBlankString("store");
    ClickHouseStore clickhouse = storeText.filter(ClickHouseStore::isClickHouse)
        .flatMap(s -> clickhouse(telemetry, s)).orElse(null);
    Path store = storeText.filter(s -> !ClickHouseStore.isClickHouse(s))
        .flatMap(s -> path(telemetry, "store", s)).orElse(defaults.store());
    Path stateFile = telemetry.nonBlankString("state_file")
        .flatMap(s -> path(telemetry, "state_file", s)).orElse(defaults.stateFile());
    // ClickHouse pays a fixed cost per insert (a new part: two files per column), so it takes
    // fewer, larger batches: batches of 3,400 stored 12-23k records/s on 2 shared cores, of 16,384
    // about 31k at 40% less CPU per record (telemetry/bench/clickhouse-append-benchmark.sh).
    long defaultFlushMs = clickhouse == null ? defaults.flushInterval().toMillis() : TelemetryConfig.CLICKHOUSE_FLUSH_INTERVAL.toMillis();
    int queueCapacity =
        (int) telemetry.positive("queue_capacity", Integer.MAX_VALUE, defaults.queueCapacity());
    int defaultBatch = Math.min(queueCapacity,
        clickhouse == null ? defaults.batchSize() : TelemetryConfig.CLICKHOUSE_BATCH_SIZE);
    int batchSize = (int) telemetry.positive("batch_size", Integer.MAX_VALUE, defaultBatch);
    if (batchSize > queueCapacity) {
      telemetry.problem("batch_size", "must be <= queue_capacity (" + queueCapacity + ")");
    }
    long flushMs =
        telemetry.positive(
            "flush_interval_ms", MAX_FLUSH_INTERVAL_MS, defaultFlushMs);
    return new TelemetryConfig(
        store, queueCapacity, batchSize, Duration.ofMillis(flushMs), clickhouse, stateFile,
        journal(telemetry, clickhouse != null ? stateFile : store));
  }

  /** Reads {@code journal: {enabled, dir, fsync_interval_ms, max_bytes, segment_bytes}}. */
  private static JournalConfig journal(YamlNodeReader telemetry, Path store) {
    JournalConfig defaults = JournalConfig.defaultsFor(store);
    Optional<YamlNodeReader> section = telemetry.mapping("journal");
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader journal = section.get();
    journal.rejectUnknownKeys("enabled", "dir", "fsync_interval_ms", "max_bytes", "segment_bytes");
    if (!journal.bool("enabled", defaults.enabled())) {
      return JournalConfig.disabled();
    }
    Path dir = journal.nonBlankString("dir").flatMap(s -> path(journal, "dir", s)).orElse(defaults.dir());
    if (dir == null) {
      journal.problem("dir", "required for an in-memory store");
      return JournalConfig.disabled();
    }
    long fsyncMs = journal.positive("fsync_interval_ms", MAX_FLUSH_INTERVAL_MS, 1000);
    long segment = journal.integer("segment_bytes", 4096, 1L << 30, JournalConfig.DEFAULT_SEGMENT_BYTES);
    long max = journal.integer("max_bytes", 2 * segment, Long.MAX_VALUE, Math.max(JournalConfig.DEFAULT_MAX_BYTES, 2 * segment));
    return new JournalConfig(true, dir, Duration.ofMillis(fsyncMs), max, segment);
  }

  private static Optional<ClickHouseStore> clickhouse(YamlNodeReader telemetry, String text) {
    try {
      return Optional.of(ClickHouseStore.parse(text));
    } catch (IllegalArgumentException e) {
      telemetry.problem("store", e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<Path> path(YamlNodeReader telemetry, String key, String text) {
    try {
      return Optional.of(Path.of(text));
    } catch (InvalidPathException e) {
      telemetry.problem(key, "not a valid path (" + e.getReason() + ")");
      return Optional.empty();
    }
  }
}
