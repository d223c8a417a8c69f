package dev.switchboard.config;

import java.time.Duration;

/**
 * Configures how requests survive upstream failures: retry rounds, backoff, waiting for
 * Retry-After, default idle and total timeouts, and the circuit breakers.
 *
 * @param maxRetries extra rounds over a request's targets after every target of a round failed
 *     retryably (a failing target is first left for the next one, so a fallback costs one attempt)
 * @param backoffBase first retry round waits a random time in [0, base] (full jitter), doubling
 *     each round
 * @param backoffMax the doubling stops here
 * @param maxRetryWait the longest a request waits for a Retry-After or a breaker cool-down before
 *     giving up with the upstream's error
 * @param idleTimeout default longest gap between stream chunks
 * @param totalTimeout default longest attempt
 * @param catalogRoutes whether every catalog model whose native provider is configured gets an
 *     implicit route (explicit {@code models} routes always win)
 * @param affinity whether and how long a session sticks to the target that served it
 */
public record RoutingConfig(
    int maxRetries,
    Duration backoffBase,
    Duration backoffMax,
    Duration maxRetryWait,
    Duration idleTimeout,
    Duration totalTimeout,
    BreakerConfig breaker,
    boolean catalogRoutes,
    AffinityConfig affinity) {

  public RoutingConfig {
    breaker = breaker == null ? BreakerConfig.defaults() : breaker;
    affinity = affinity == null ? AffinityConfig.defaults() : affinity;
  }

  /** Returns a configuration with the default (off) session affinity. */
  public RoutingConfig(
      int maxRetries,
      Duration backoffBase,
      Duration backoffMax,
      Duration maxRetryWait,
      Duration idleTimeout,
      Duration totalTimeout,
      BreakerConfig breaker,
      boolean catalogRoutes) {
    this(
        maxRetries, backoffBase, backoffMax, maxRetryWait, idleTimeout, totalTimeout, breaker,
        catalogRoutes, null);
  }

  /** Returns a configuration with catalog routes on. */
  public RoutingConfig(
      int maxRetries,
      Duration backoffBase,
      Duration backoffMax,
      Duration maxRetryWait,
      Duration idleTimeout,
      Duration totalTimeout,
      BreakerConfig breaker) {
    this(
        maxRetries, backoffBase, backoffMax, maxRetryWait, idleTimeout, totalTimeout, breaker,
        true);
  }

  /**
   * Returns the defaults: 2 retry rounds, backoff 250 ms doubling to 4 s, wait at most 10 s for a
   * Retry-After, 60 s idle, 10 min total, default breakers, catalog routes on.
   */
  public static RoutingConfig defaults() {
    return new RoutingConfig(
        2,
        Duration.ofMillis(250),
        Duration.ofSeconds(4),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        BreakerConfig.defaults());
  }

  /** Returns a configuration with one attempt per target and breakers off, e.g. for tests. */
  public static RoutingConfig singleAttempt() {
    RoutingConfig d = defaults();
    return new RoutingConfig(
        0, d.backoffBase, d.backoffMax, Duration.ZERO, d.idleTimeout, d.totalTimeout,
        BreakerConfig.disabled(), d.catalogRoutes, d.affinity);
  }

  /** Returns a copy with other breaker settings. */
  public RoutingConfig withBreaker(BreakerConfig newBreaker) {
    return new RoutingConfig(
        maxRetries, backoffBase, backoffMax, maxRetryWait, idleTimeout, totalTimeout, newBreaker,
        catalogRoutes, affinity);
  }

  /** Returns a copy with catalog routes turned on or off. */
  public RoutingConfig withCatalogRoutes(boolean enabled) {
    return new RoutingConfig(
        maxRetries, backoffBase, backoffMax, maxRetryWait, idleTimeout, totalTimeout, breaker,
        enabled, affinity);
  }

  /** Returns a copy with other session affinity settings. */
  public RoutingConfig withAffinity(AffinityConfig newAffinity) {
    return new RoutingConfig(
        maxRetries, backoffBase, backoffMax, maxRetryWait, idleTimeout, totalTimeout, breaker,
        catalogRoutes, newAffinity);
  }
}
