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
    telemetry.rejectUnknownKeys("store", "queue_capacity", "batch_size", "flush_interval_ms");
    Path store =
        telemetry.nonBlankString("store").flatMap(s -> path(telemetry, s)).orElse(defaults.store());
    int queueCapacity =
        (int) telemetry.positive("queue_capacity", Integer.MAX_VALUE, defaults.queueCapacity());
    int batchSize = (int) telemetry.positive("batch_size", Integer.MAX_VALUE, defaults.batchSize());
    if (batchSize > queueCapacity) {
      telemetry.problem("batch_size", "must be <= queue_capacity (" + queueCapacity + ")");
    }
    long flushMs =
        telemetry.positive(
            "flush_interval_ms", MAX_FLUSH_INTERVAL_MS, defaults.flushInterval().toMillis());
    return new TelemetryConfig(store, queueCapacity, batchSize, Duration.ofMillis(flushMs));
  }

  private static Optional<Path> path(YamlNodeReader telemetry, String text) {
    try {
      return Optional.of(Path.of(text));
    } catch (InvalidPathException e) {
      telemetry.problem("store", "not a valid path (" + e.getReason() + ")");
      return Optional.empty();
    }
  }
}
