package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/**
* Configures the state several gateways share: Redis (rate limits, budgets and session affinity)
 * and PostgreSQL (keys, key spend and stored bodies).
 *
 * @param redis a {@code redis://[user:password@]host[:port][/db]} URL (or {@code rediss://}), as a
 *     literal or a {@code ${VAR}} reference; none keeps state in each process
 * @param database a {@code postgresql://user:password@host[:port]/db} URL, literal or {@code
 *     ${VAR}}; none keeps keys, spend and bodies in the gateway's embedded DuckDB file
 * @param databaseCacheGrace how long keys already seen keep working from the cache while
 *     PostgreSQL cannot be reached
 * @param redisFailure what rate limits and budgets do while Redis cannot be reached
 */
public record StateConfig(
    SecretRef redis, SecretRef database, Duration databaseCacheGrace, RedisFailure redisFailure) {
  /** The default {@link #databaseCacheGrace}. */
  public static final Duration DEFAULT_CACHE_GRACE = Duration.ofMinutes(10);

  /** Says what limits and budgets do while the shared Redis cannot be reached. */
  public enum RedisFailure {
    /** Decide in this process (its own buckets and spend), count it and warn once a minute. */
    OPEN,
    /** Refuse limited and budgeted requests with 503 until Redis answers again. */
    CLOSED
  }

  public StateConfig {
    redis = redis == null ? SecretRef.none() : redis;
    database = database == null ? SecretRef.none() : database;
    databaseCacheGrace = databaseCacheGrace == null ? DEFAULT_CACHE_GRACE : databaseCacheGrace;
    redisFailure = redisFailure == null ? RedisFailure.OPEN : redisFailure;
  }

  /** Creates a config with Redis and PostgreSQL, failing open when Redis is away. */
  public StateConfig(SecretRef redis, SecretRef database, Duration databaseCacheGrace) {
    this(redis, database, databaseCacheGrace, RedisFailure.OPEN);
  }

  /** Creates a config sharing state through {@code redis} only. */
  public StateConfig(SecretRef redis, RedisFailure redisFailure) {
    this(redis, SecretRef.none(), DEFAULT_CACHE_GRACE, redisFailure);
  }

  /** Creates a config with only Redis shared, failing open when it is away. */
  public StateConfig(SecretRef redis) {
    this(redis, SecretRef.none(), DEFAULT_CACHE_GRACE, RedisFailure.OPEN);
  }

  /** Returns the defaults: nothing shared. */
  public static StateConfig defaults() {
    return new StateConfig(SecretRef.none());
  }

  /** Returns the Redis URL reference, if one is configured. */
  public Optional<SecretRef> redisUrl() {
    return redis.isPresent() ? Optional.of(redis) : Optional.empty();
  }

  /** Returns the PostgreSQL URL reference, if one is configured. */
  public Optional<SecretRef> databaseUrl() {
    return database.isPresent() ? Optional.of(database) : Optional.empty();
  }

  /** Returns this config with {@code state.database} set to {@code url} (a literal or ${VAR}). */
  public StateConfig withDatabase(String url) {
    return new StateConfig(redis, SecretRef.parse(url), databaseCacheGrace, redisFailure);
  }

  /** Returns whether requests are refused (503) rather than decided locally while Redis is away. */
  public boolean failClosed() {
    return redisFailure == RedisFailure.CLOSED;
  }
}
