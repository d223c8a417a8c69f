package dev.switchboard.config;

import java.time.Duration;

/**
 * Describes the HTTP listener and the limits it applies to every request.
 *
 * @param maxBodyBytes request bodies larger than this are refused with 413 (default 16 MiB)
 * @param upstreamConnectTimeout time allowed to open a connection to a provider
 * @param upstreamTimeout time allowed for a provider to start answering (first byte)
 * @param maxUpstreamBodyBytes a provider's whole answer (or error body) larger than this is cut
 *     off while it is read: the connection is closed and the attempt fails (default 32 MiB)
 * @param maxUpstreamEventBytes one server-sent event larger than this is cut off the same way
 *     (default 32 MiB)
 * @param drainTimeout on SIGTERM, how long requests and streams in flight may take to finish before
 *     their connections are closed (default 30 s)
 * @param drainDelay on SIGTERM, how long the gateway keeps accepting after it reports not ready, so
 *     a load balancer polling {@code /ready} stops sending first (default 0)
 */
public record ServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    Duration upstreamConnectTimeout,
    Duration upstreamTimeout,
    long maxUpstreamBodyBytes,
    int maxUpstreamEventBytes,
    Duration drainTimeout,
    Duration drainDelay) {

  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
  /** No real answer comes near it: the largest seen are a few MiB of base64 images. */
  public static final long DEFAULT_MAX_UPSTREAM_BODY_BYTES = 32L * 1024 * 1024;
  public static final int DEFAULT_MAX_UPSTREAM_EVENT_BYTES = 32 * 1024 * 1024;
  /** Long enough for a typical streamed answer; agents' longest turns are cut, and retried. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /** Returns a config with the default drain times. */
  public ServerConfig(
      String host,
      int port,
      long maxBodyBytes,
      Duration upstreamConnectTimeout,
      Duration upstreamTimeout,
      long maxUpstreamBodyBytes,
      int maxUpstreamEventBytes) {
    this(
        host,
        port,
        maxBodyBytes,
        upstreamConnectTimeout,
        upstreamTimeout,
        maxUpstreamBodyBytes,
        maxUpstreamEventBytes,
        DEFAULT_DRAIN_TIMEOUT,
        Duration.ZERO);
  }

  /** Returns a config with the default upstream answer caps. */
  public ServerConfig(
      String host,
      int port,
      long maxBodyBytes,
      Duration upstreamConnectTimeout,
      Duration upstreamTimeout) {
    this(
        host,
        port,
        maxBodyBytes,
        upstreamConnectTimeout,
        upstreamTimeout,
        DEFAULT_MAX_UPSTREAM_BODY_BYTES,
        DEFAULT_MAX_UPSTREAM_EVENT_BYTES);
  }

  /** Returns the defaults: 127.0.0.1:8080, 16 MiB bodies, 10 s connect, 120 s first byte. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "127.0.0.1", 8080, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(120));
  }

  /** Returns a copy listening on another port. */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(
        host,
        newPort,
        maxBodyBytes,
        upstreamConnectTimeout,
        upstreamTimeout,
        maxUpstreamBodyBytes,
        maxUpstreamEventBytes,
        drainTimeout,
        drainDelay);
  }

  /** Returns a copy with other caps on upstream answers. */
  public ServerConfig withUpstreamCaps(long bodyBytes, int eventBytes) {
    return new ServerConfig(
        host, port, maxBodyBytes, upstreamConnectTimeout, upstreamTimeout, bodyBytes, eventBytes,
        drainTimeout, drainDelay);
  }

  /** Returns a copy with other drain times. */
  public ServerConfig withDrain(Duration timeout, Duration delay) {
    return new ServerConfig(
        host, port, maxBodyBytes, upstreamConnectTimeout, upstreamTimeout, maxUpstreamBodyBytes,
        maxUpstreamEventBytes, timeout, delay);
  }
}
