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
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Corrections ({@link #adjust}) are off the request's path: one per bucket is in flight at a
 * time and carries the sum of those that came meanwhile, so a burst of answers costs a few round
 * trips, not one each (the upstream's bucket is corrected after every request of every key).
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
  private final Map<String, Correction> corrections = new ConcurrentHashMap<>();
  private final Set<String> correcting = ConcurrentHashMap.newKeySet();

  RedisRateLimiter(Vertx vertx, String url, RateLimiter local, LongSupplier nanos) {
    this(vertx, url, local, nanos, false);
  }

  RedisRateLimiter(Vertx vertx, String url, RateLimiter local, LongSupplier nanos, boolean failClosed) {
    this.redis = RedisConnection.client(vertx, url);
    this.local = local;
    this.health = new SharedStoreHealth(
        "shared rate limits", failClosed, nanos, () -> RedisConnection.answeredWithin(redis, TIMEOUT));
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

  /** Returns whether Redis is being left alone after a recent error (callers decide locally). */
  boolean paused() {
    return health.paused();
  }

  /**
   * Runs one acquire that first checks a key's spend totals (the keys {@code totals}) against
   * {@code budgets}, in one round trip; the raw reply, see {@code rate-limit.lua}. No fallback:
   * the caller, which owns the totals, falls back through {@link #failedOver} when it fails.
   */
  Future<Response> acquireWithinBudgets(
      String bucket, RateLimits limits, long tokens, List<String> totals, Budgets budgets) {
    return SCRIPT.run(redis, List.of(PREFIX + bucket, totals.get(0), totals.get(1)),
        List.of("acquire", text(limits.requestsPerMinute()), text(limits.tokensPerMinute()), 1, tokens,
            dollars(budgets.dayUsd()), dollars(budgets.monthUsd())),
        TIMEOUT);
  }

  /** Counts a failed call of a caller's and decides its acquire as the limiter's own failures are. */
  Future<RateDecision> failedOver(Throwable cause, String bucket, RateLimits limits, long tokens) {
    health.failed(cause);
    return fallback(bucket, limits, tokens);
  }

  private static String text(Number limit) {
    return limit == null ? "" : limit.toString();
  }

  private static String dollars(Double usd) {
    return usd == null ? "" : BigDecimal.valueOf(usd).toPlainString();
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
    corrections.merge(bucket, new Correction(limits, requests, tokens), Correction::plus);
    sendCorrection(bucket);
  }

  private void sendCorrection(String bucket) {
    if (!correcting.add(bucket)) {
      return; // the correction in flight sends this one when it ends
    }
    Correction c = corrections.remove(bucket);
    if (c == null) {
      corrected(bucket);
      return;
    }
    run("adjust", bucket, c.limits(), c.requests(), c.tokens()).onComplete(done -> {
      if (done.failed()) {
        health.failed(done.cause());
        local.adjust(bucket, c.limits(), c.requests(), c.tokens());
      }
      corrected(bucket);
    });
  }

  /** Ends a bucket's correction in flight and sends what came for it meanwhile. */
  private void corrected(String bucket) {
    correcting.remove(bucket);
    if (corrections.containsKey(bucket)) {
      sendCorrection(bucket);
    }
  }

  private Future<Response> run(String mode, String bucket, RateLimits limits, long requests, long tokens) {
    return SCRIPT.run(redis, List.of(PREFIX + bucket),
        List.of(mode, text(limits.requestsPerMinute()), text(limits.tokensPerMinute()), requests, tokens), TIMEOUT);
  }

  /** Holds the corrections of one bucket not yet sent; the latest limits win. */
  private record Correction(RateLimits limits, long requests, long tokens) {
    Correction plus(Correction later) {
      return new Correction(later.limits, requests + later.requests, tokens + later.tokens);
    }
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
