package dev.switchboard.gateway.limits;

import dev.switchboard.config.StateConfig;
import dev.switchboard.gateway.state.RedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.LongSupplier;

/** Picks the rate limiter the config asks for: Redis when {@code state.redis} is set, else local. */
public final class RateLimiters {

  private RateLimiters() {}

  /**
   * Starts a limiter shared through Redis (falling back to this process's buckets when Redis
   * fails, or refusing while it fails when {@code state.redis_failure} is {@code closed}) when
   * {@code state.redis} is set, else one in this process. The shared one has
   * connected and loaded its script when the future completes, or has found Redis away and
   * decides locally until it is back.
   *
   * @return a failed future when the Redis URL's variable is unset or it is not a Redis URL
   */
  public static Future<RateLimiter> start(
      Vertx vertx, StateConfig state, Clock clock, LongSupplier nanos) {
    LocalRateLimiter local = new LocalRateLimiter(clock);
    return RedisConnection.choose(state, (RateLimiter) local,
        url -> new RedisRateLimiter(vertx, url, local, nanos, state.failClosed()).connect());
  }
}
