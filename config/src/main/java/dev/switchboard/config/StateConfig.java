package dev.switchboard.config;

import java.util.Optional;

/**
 * Configures the state several gateways share. Today only Redis (rate limits, budgets and session
 * affinity); the section is where further shared stores go.
 *
 * @param redis a {@code redis://[user:password@]host[:port][/db]} URL (or {@code rediss://}), as a
 *     literal or a {@code ${VAR}} reference; none keeps state in each process
 * @param redisFailure what rate limits and budgets do while Redis cannot be reached
 */
public record StateConfig(SecretRef redis, RedisFailure redisFailure) {

  /** Says what limits and budgets do while the shared Redis cannot be reached. */
  public enum RedisFailure {
    /** Decide in this process (its own buckets and spend), count it and warn once a minute. */
    OPEN,
    /** Refuse limited and budgeted requests with 503 until Redis answers again. */
    CLOSED
  }

  public StateConfig {
    redis = redis == null ? SecretRef.none() : redis;
    redisFailure = redisFailure == null ? RedisFailure.OPEN : redisFailure;
  }

  /** Creates a config sharing state through {@code redis}, failing open when it is away. */
  public StateConfig(SecretRef redis) {
    this(redis, RedisFailure.OPEN);
  }

  /** Returns the defaults: nothing shared. */
  public static StateConfig defaults() {
    return new StateConfig(SecretRef.none());
  }

  /** Returns the Redis URL reference, if one is configured. */
  public Optional<SecretRef> redisUrl() {
    return redis.isPresent() ? Optional.of(redis) : Optional.empty();
  }

  /** Returns whether requests are refused (503) rather than decided locally while Redis is away. */
  public boolean failClosed() {
    return redisFailure == RedisFailure.CLOSED;
  }
}
