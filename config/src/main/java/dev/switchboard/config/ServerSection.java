package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/** Maps the {@code server} section onto {@link ServerConfig}, taking defaults for unset keys. */
final class ServerSection {
  private static final long MAX_TIMEOUT_MS = Duration.ofDays(1).toMillis();

  private ServerSection() {}

  /** Reads the section, or returns the defaults when it is absent. */
  static ServerConfig read(Optional<YamlNodeReader> section) {
    ServerConfig defaults = ServerConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader server = section.get();
    server.rejectUnknownKeys(
        "host", "port", "max_body_bytes", "upstream_connect_timeout_ms", "upstream_timeout_ms");
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
    return new ServerConfig(
        host, port, maxBodyBytes, Duration.ofMillis(connectMs), Duration.ofMillis(timeoutMs));
  }
}
