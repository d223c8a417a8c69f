package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/** Maps the {@code server} section onto {@link ServerConfig}, taking defaults for unset keys. */
final class ServerSection {
  private static final long MAX_TIMEOUT_MS = Duration.ofDays(1).toMillis();
  // below a few KiB even an error body is cut; above 1 GiB the cap no longer protects the heap
  private static final long MIN_UPSTREAM_CAP = 4 * 1024;
  private static final long MAX_UPSTREAM_CAP = 1024L * 1024 * 1024;
  // a deploy that waits longer than an hour for one instance is stuck, not draining
  private static final long MAX_DRAIN_MS = Duration.ofHours(1).toMillis();

  private ServerSection() {}

  /** Reads the section, or returns the defaults when it is absent. */
  static ServerConfig read(Optional<YamlNodeReader> section) {
    ServerConfig defaults = ServerConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader server = section.get();
    server.rejectUnknownKeys(
        "host",
        "port",
        "max_body_bytes",
        "upstream_connect_timeout_ms",
        "upstream_timeout_ms",
        "max_upstream_body_bytes",
        "max_upstream_event_bytes",
        "drain_timeout_ms",
        "drain_delay_ms");
    String host = server.nonBlankString("host").orElse(defaults.host());
    int port = (int) server.integer("port", 1, 65_535, defaults.port());
    long maxBodyBytes = server.positive("max_body_bytes", Long.MAX_VALUE, defaults.maxBodyBytes());
    long connectMs =
        server.positive(
            "upstream_connect_timeout_ms",
            MAX_TIMEOUT_MS,
            defaults.upstreamConnectTimeout().toMillis());
    long timeoutMs =
        server.positive(
            "upstream_timeout_ms", MAX_TIMEOUT_MS, defaults.upstreamTimeout().toMillis());
    long upstreamBodyBytes =
        server.integer(
            "max_upstream_body_bytes",
            MIN_UPSTREAM_CAP,
            MAX_UPSTREAM_CAP,
            defaults.maxUpstreamBodyBytes());
    long upstreamEventBytes =
        server.integer(
            "max_upstream_event_bytes",
            MIN_UPSTREAM_CAP,
            MAX_UPSTREAM_CAP,
            defaults.maxUpstreamEventBytes());
    long drainTimeoutMs =
        server.integer(
            "drain_timeout_ms", 0, MAX_DRAIN_MS, defaults.drainTimeout().toMillis());
    long drainDelayMs =
        server.integer("drain_delay_ms", 0, MAX_DRAIN_MS, defaults.drainDelay().toMillis());
    return new ServerConfig(
        host,
        port,
        maxBodyBytes,
        Duration.ofMillis(connectMs),
        Duration.ofMillis(timeoutMs),
        upstreamBodyBytes,
        (int) upstreamEventBytes,
        Duration.ofMillis(drainTimeoutMs),
        Duration.ofMillis(drainDelayMs));
  }
}
