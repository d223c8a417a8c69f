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
import java.util.Optional;
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
 *
 * <p>A large limit (2,000 rpm and up) is taken in leases of a thousandth of its capacity ({@link
 * RateLeases}): one round trip admits the next requests of the bucket here, so a busy key or
 * upstream costs Redis a call per lease instead of per request; unused units go back after a second.
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
  private final RateLeases leases;
  private final Vertx vertx;
  private final long returnTimer;
  private final Duration timeout;

  RedisRateLimiter(Vertx vertx, String url, RateLimiter local, LongSupplier nanos) {
    this(vertx, url, local, nanos, false);
  }

  RedisRateLimiter(Vertx vertx, String url, RateLimiter local, LongSupplier nanos, boolean failClosed) {
    this(vertx, url, local, nanos, failClosed, TIMEOUT);
  }

  /** With another timeout per call: tests of exactness on a starved machine, not of timing. */
  RedisRateLimiter(
      Vertx vertx, String url, RateLimiter local, LongSupplier nanos, boolean failClosed, Duration timeout) {
    this.timeout = timeout;
    this.redis = RedisConnection.client(vertx, url);
    this.local = local;
    this.health = new SharedStoreHealth(
        "shared rate limits", failClosed, nanos, () -> RedisConnection.answeredWithin(redis, PAUSE_AFTER_ERROR));
    this.vertx = vertx;
    this.leases = new RateLeases(nanos);
    this.returnTimer = vertx.setPeriodic(
        RateLeases.IDLE_RETURN.toMillis(), RateLeases.IDLE_RETURN.toMillis(), id -> giveBack(false));
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
    Optional<RateDecision> leased = leases.take(bucket, limits, tokens);
    if (leased.isPresent()) {
      return Future.succeededFuture(leased.get());
    }
    Context caller = Vertx.currentContext();
    Promise<RateDecision> answer = Promise.promise();
    Future<RateDecision> decided = leaseOrSingle(bucket, limits, tokens, leases.ask(bucket, limits, tokens),
            (mode, requests, tokensToTake) -> run(mode, bucket, limits, requests, tokensToTake))
        .map(AcquireReply::rate);
    decided
        .onComplete(done -> {
          if (done.succeeded()) {
            RedisConnection.completeOn(caller, answer, done.result());
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

  /** Runs one acquire script in the given mode, for the given requests and tokens. */
  @FunctionalInterface
  private interface AcquireScript {
    Future<Response> run(String mode, long requests, long tokens);
  }

  /**
   * Runs {@code script} as a lease when {@code ask} holds one, else as this request's acquire; a
   * lease that does not fit the limit is followed by the request's own acquire (near the limit,
   * exactness wins), a lease that was granted is kept in {@link #leases}.
   */
  private Future<AcquireReply> leaseOrSingle(
      String bucket, RateLimits limits, long tokens, Optional<RateLeases.Ask> ask, AcquireScript script) {
    if (ask.isEmpty()) {
      return script.run("acquire", 1, tokens).map(reply -> new AcquireReply(reply, rateOf(reply, tokens)));
    }
    return script.run("lease", ask.get().requests(), ask.get().tokens()).transform(done -> {
      if (done.failed()) {
        leases.failed(bucket);
        return Future.failedFuture(done.cause());
      }
      Response reply = done.result();
      int code = reply.get(0).toInteger();
      if (code == 0) {
        return Future.succeededFuture(
            new AcquireReply(reply, leases.granted(bucket, limits, ask.get(), tokens, decision(reply, tokens))));
      }
      if (code == 1 || code == 2) {
        leases.refused(bucket);
        return script.run("acquire", 1, tokens).map(single -> new AcquireReply(single, rateOf(single, tokens)));
      }
      leases.failed(bucket); // a budget reached or a total missing: nothing was taken
      return Future.succeededFuture(new AcquireReply(reply, null));
    });
  }

  /** Gives the unused units of idle leases (or of all, at close) back to their buckets. */
  private void giveBack(boolean all) {
    for (RateLeases.Leftover left : leases.leftovers(all)) {
      adjust(left.bucket(), left.limits(), -left.requests(), -left.tokens());
    }
  }

  /** Returns whether Redis is being left alone after a recent error (callers decide locally). */
  boolean paused() {
    return health.paused();
  }

  /**
   * Runs one acquire that first checks a key's spend totals (the keys {@code totals}) against
   * {@code budgets}, in one round trip; the raw reply, see {@code rate-limit.lua}, and the rate
   * decision (null when a budget was reached or a total is missing). With {@code mayLease} (the
   * caller saw the key far from its budgets) a large limit is taken as a lease, as {@link #acquire}
   * does. No fallback: the caller, which owns the totals, falls back through {@link #failedOver}.
   */
  Future<AcquireReply> acquireWithinBudgets(
      String bucket, RateLimits limits, long tokens, List<String> totals, Budgets budgets, boolean mayLease) {
    return leaseOrSingle(bucket, limits, tokens, mayLease ? leases.ask(bucket, limits, tokens) : Optional.empty(),
        (mode, requests, tokensToTake) -> withinBudgets(mode, bucket, limits, requests, tokensToTake, totals, budgets));
  }

  /** Takes one request from this gateway's lease of {@code bucket} when it holds enough. */
  Optional<RateDecision> leased(String bucket, RateLimits limits, long tokens) {
    return leases.take(bucket, limits, tokens);
  }

  /** An acquire script's raw reply and its rate decision (null: a budget reached or a total unseeded). */
  record AcquireReply(Response reply, RateDecision rate) {}

  private static RateDecision rateOf(Response reply, long tokens) {
    int code = reply.get(0).toInteger();
    return code == 3 || code == 4 ? null : decision(reply, tokens);
  }

  private Future<Response> withinBudgets(
      String mode, String bucket, RateLimits limits, long requests, long tokens, List<String> totals, Budgets budgets) {
    return SCRIPT.run(redis, List.of(PREFIX + bucket, totals.get(0), totals.get(1)),
        List.of(mode, text(limits.requestsPerMinute()), text(limits.tokensPerMinute()), requests, tokens,
            dollars(budgets.dayUsd()), dollars(budgets.monthUsd())),
        timeout);
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
        List.of(mode, text(limits.requestsPerMinute()), text(limits.tokensPerMinute()), requests, tokens), timeout);
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
    vertx.cancelTimer(returnTimer);
    return redis.close();
  }
}
