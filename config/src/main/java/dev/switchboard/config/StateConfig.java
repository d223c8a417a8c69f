package dev.switchboard.config;

import java.util.Optional;

/**
 * Configures the state several gateways share. Today only Redis (rate limits and session
 * affinity); the section is where further shared stores go.
 *
 * @param redis a {@code redis://[user:password@]host[:port][/db]} URL (or {@code rediss://}), as a
 *     literal or a {@code ${VAR}} reference; none keeps state in each process
 */
public record StateConfig(SecretRef redis) {

  public StateConfig {
    redis = redis == null ? SecretRef.none() : redis;
  }

  /** Returns the defaults: nothing shared. */
  public static StateConfig defaults() {
    return new StateConfig(SecretRef.none());
  }

  /** Returns the Redis URL reference, if one is configured. */
  public Optional<SecretRef> redisUrl() {
    return redis.isPresent() ? Optional.of(redis) : Optional.empty();
  }
}
