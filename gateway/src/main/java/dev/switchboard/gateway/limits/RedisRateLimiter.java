package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.limits.RateDecision.Dimension;
import dev.switchboard.gateway.state.RedisConnection;
import dev.switchboard.gateway.state.RedisScript;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Limits rates for every gateway sharing one Redis: each acquire is one server-side script
 * ({@code rate-limit.lua}) that refills, checks and takes both the request and the token bucket of
 * a name atomically, with Redis's own clock, so N gateways admit what one would. The script is sent
 * by hash ({@code EVALSHA}) and in full only when Redis does not know it yet ({@code NOSCRIPT}).
 *
 * <p>When Redis errs or is slower than {@link #TIMEOUT}, the request is decided by the in-process
 * limiter instead (fail open) or refused with {@link SharedStoreUnavailable} (fail closed,
 * {@code state.redis_failure: closed}); either way the fallback is counted, a warning is logged at
 * most once a minute, and Redis is left alone for a second so an outage costs one timeout, not one
 * per request.
 */
final class RedisRateLimiter implements RateLimiter {
  static final Duration TIMEOUT = Duration.ofMillis(100);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration PAUSE_AFTER_ERROR = SharedStoreHealth.PAUSE_AFTER_ERROR;
  static final String PREFIX = "switchboard:rate:";
  private static final RedisScript SCRIPT = RedisScript.load(RedisRateLimiter.class, "rate-limit.lua");

  private final Redis redis;
  private final RateLimiter local;
  private final SharedStoreHealth health;

  RedisRateLimiter(Vertx vertx, String url, RateLimiter local, LongSupplier nanos) {
    this(vertx, url, local, nanos, false);
  }

  RedisRateLimiter(Vertx vertx, String url, RateLimiter local, LongSupplier nanos, boolean failClosed) {
    this.redis = RedisConnection.client(vertx, url);
    this.local = local;
    this.health = new SharedStoreHealth("shared rate limits", failClosed, nanos);
  }

  /**
   * Connects and loads the script, so the first requests do not pay for either within {@link
   * #TIMEOUT}; succeeds even when Redis is away (requests then fall back until it is back).
   */
  Future<RedisRateLimiter> connect() {
    return SCRIPT.preload(redis, CONNECT_TIMEOUT)
        .map(loaded -> this)
        .otherwise(t -> {
          health.failed(t);
          return this;
        });
  }

  @Override
  public Future<RateDecision> acquire(String bucket, RateLimits limits, long tokens) {
    if (limits.unlimited()) {
      return Future.succeededFuture(RateDecision.unlimited(tokens));
    }
    if (health.paused()) {
      health.fellBack();
      return fallback(bucket, limits, tokens);
    }
    Context caller = Vertx.currentContext();
    Promise<RateDecision> answer = Promise.promise();
    run("acquire", bucket, limits, 1, tokens)
        .onComplete(done -> {
          if (done.succeeded()) {
            RedisConnection.completeOn(caller, answer, decision(done.result(), tokens));
          } else {
            health.failed(done.cause());
            fallback(bucket, limits, tokens).onComplete(fallback -> {
              if (fallback.succeeded()) {
                RedisConnection.completeOn(caller, answer, fallback.result());
              } else {
                RedisConnection.failOn(caller, answer, fallback.cause());
              }
            });
          }
        });
    return answer.future();
  }

  private Future<RateDecision> fallback(String bucket, RateLimits limits, long tokens) {
    return health.failClosed()
        ? Future.failedFuture(health.unavailable())
        : local.acquire(bucket, limits, tokens);
  }

  @Override
  public void adjust(String bucket, RateLimits limits, long requests, long tokens) {
    if (limits.unlimited()) {
      return;
    }
    if (health.paused()) {
      health.fellBack();
      local.adjust(bucket, limits, requests, tokens);
      return;
    }
    run("adjust", bucket, limits, requests, tokens)
        .onFailure(t -> {
          health.failed(t);
          local.adjust(bucket, limits, requests, tokens);
        });
  }

  private Future<Response> run(String mode, String bucket, RateLimits limits, long requests, long tokens) {
    String rpm = limits.requestsPerMinute() == null ? "" : limits.requestsPerMinute().toString();
    String tpm = limits.tokensPerMinute() == null ? "" : limits.tokensPerMinute().toString();
    return SCRIPT.run(redis, List.of(PREFIX + bucket), List.of(mode, rpm, tpm, requests, tokens), TIMEOUT);
  }

  /** Reads the script's answer: see the return line of {@code rate-limit.lua}. */
  static RateDecision decision(Response reply, long tokens) {
    int refused = reply.get(0).toInteger();
    LimitState requests = state(reply, 2);
    LimitState tokenState = state(reply, 5);
    if (refused == 0) {
      return new RateDecision(requests, tokenState, null, tokens, null);
    }
    Dimension on = refused == 1 ? Dimension.REQUESTS : Dimension.TOKENS;
    return new RateDecision(requests, tokenState, on, tokens, micros(reply.get(1).toLong()));
  }

  private static LimitState state(Response reply, int at) {
    long limit = reply.get(at).toLong();
    if (limit < 0) {
      return null;
    }
    return new LimitState(limit, reply.get(at + 1).toLong(), micros(reply.get(at + 2).toLong()));
  }

  private static Duration micros(long micros) {
    return Duration.ofNanos(micros * 1_000);
  }

  @Override
  public long fallbacks() {
    return health.fallbacks();
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }
}
