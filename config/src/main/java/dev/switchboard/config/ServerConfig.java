package dev.switchboard.config;

import java.time.Duration;

/**
 * Describes the HTTP listener and the limits it applies to every request.
 *
 * @param maxBodyBytes request bodies larger than this are refused with 413 (default 16 MiB)
 * @param upstreamConnectTimeout time allowed to open a connection to a provider
 * @param upstreamTimeout time allowed for a provider to start answering (first byte)
 */
public record ServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    Duration upstreamConnectTimeout,
    Duration upstreamTimeout) {

  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

  /** Returns the defaults: 127.0.0.1:8080, 16 MiB bodies, 10 s connect, 120 s first byte. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "127.0.0.1", 8080, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(120));
  }

  /** Returns a copy listening on another port. */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxBodyBytes, upstreamConnectTimeout, upstreamTimeout);
  }
}
