package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/** Maps the {@code routing} section onto {@link RoutingConfig}; unset keys take defaults. */
final class RoutingSection {
  static final long MAX_TIMEOUT_MS = Duration.ofDays(1).toMillis();

  private RoutingSection() {}

  /** Reads the section, or returns the defaults when it is absent. */
  static RoutingConfig read(Optional<YamlNodeReader> section) {
    RoutingConfig defaults = RoutingConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader routing = section.get();
    routing.rejectUnknownKeys(
        "max_retries",
        "backoff_base_ms",
        "backoff_max_ms",
        "max_retry_wait_ms",
        "idle_timeout_ms",
        "total_timeout_ms",
        "breaker",
        "catalog_routes",
        "affinity");
    int maxRetries = (int) routing.integer("max_retries", 0, 10, defaults.maxRetries());
    Duration base = millis(routing, "backoff_base_ms", defaults.backoffBase());
    Duration max = millis(routing, "backoff_max_ms", defaults.backoffMax());
    if (max.compareTo(base) < 0) {
      routing.problem("backoff_max_ms", "must be >= backoff_base_ms (" + base.toMillis() + ")");
    }
    long waitMs =
        routing.integer("max_retry_wait_ms", 0, MAX_TIMEOUT_MS, defaults.maxRetryWait().toMillis());
    Duration idle = millis(routing, "idle_timeout_ms", defaults.idleTimeout());
    Duration total = millis(routing, "total_timeout_ms", defaults.totalTimeout());
    BreakerConfig breaker = breaker(routing.mapping("breaker"));
    boolean catalogRoutes = routing.bool("catalog_routes", defaults.catalogRoutes());
    AffinityConfig affinity = affinity(routing.mapping("affinity"));
    return new RoutingConfig(
        maxRetries, base, max, Duration.ofMillis(waitMs), idle, total, breaker, catalogRoutes,
        affinity);
  }

  private static AffinityConfig affinity(Optional<YamlNodeReader> section) {
    AffinityConfig defaults = AffinityConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader affinity = section.get();
    affinity.rejectUnknownKeys("enabled", "ttl_ms", "max_entries");
    boolean enabled = affinity.bool("enabled", defaults.enabled());
    Duration ttl = millis(affinity, "ttl_ms", defaults.ttl());
    long maxEntries = affinity.positive("max_entries", 100_000_000, defaults.maxEntries());
    return new AffinityConfig(enabled, ttl, maxEntries);
  }

  private static BreakerConfig breaker(Optional<YamlNodeReader> section) {
    BreakerConfig defaults = BreakerConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader breaker = section.get();
    breaker.rejectUnknownKeys(
        "enabled", "consecutive_failures", "failure_rate_percent", "window", "min_calls",
        "cool_down_ms");
    boolean enabled = breaker.bool("enabled", defaults.enabled());
    int consecutive =
        (int) breaker.positive("consecutive_failures", 1_000, defaults.consecutiveFailures());
    int rate =
        (int) breaker.integer("failure_rate_percent", 1, 100, defaults.failureRatePercent());
    int window = (int) breaker.positive("window", 10_000, defaults.window());
    int minCalls = (int) breaker.positive("min_calls", 10_000, defaults.minCalls());
    if (minCalls > window) {
      breaker.problem("min_calls", "must be <= window (" + window + ")");
    }
    Duration coolDown = millis(breaker, "cool_down_ms", defaults.coolDown());
    return new BreakerConfig(enabled, consecutive, rate, window, minCalls, coolDown);
  }

  /** Reads a positive millisecond count as a duration. */
  static Duration millis(YamlNodeReader node, String key, Duration fallback) {
    return Duration.ofMillis(node.positive(key, MAX_TIMEOUT_MS, fallback.toMillis()));
  }

  /** Reads a target's {@code timeouts} mapping; unset limits stay null (inherited). */
  static TargetTimeouts timeouts(Optional<YamlNodeReader> section) {
    if (section.isEmpty()) {
      return TargetTimeouts.inherit();
    }
    YamlNodeReader t = section.get();
    t.rejectUnknownKeys("connect_ms", "first_byte_ms", "idle_ms", "total_ms");
    return new TargetTimeouts(
        optionalMillis(t, "connect_ms"),
        optionalMillis(t, "first_byte_ms"),
        optionalMillis(t, "idle_ms"),
        optionalMillis(t, "total_ms"));
  }

  private static Duration optionalMillis(YamlNodeReader node, String key) {
    long ms = node.positive(key, MAX_TIMEOUT_MS, -1);
    return ms < 0 ? null : Duration.ofMillis(ms);
  }
}
