package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.limits.RateDecision.Dimension;
import dev.switchboard.gateway.state.RedisConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits rates for every gateway sharing one Redis: each acquire is one server-side script
 * ({@code rate-limit.lua}) that refills, checks and takes both the request and the token bucket of
 * a name atomically, with Redis's own clock, so N gateways admit what one would. The script is sent
 * by hash ({@code EVALSHA}) and in full only when Redis does not know it yet ({@code NOSCRIPT}).
 *
 * <p>Fails open: when Redis errs or is slower than {@link #TIMEOUT}, the request is decided by the
 * in-process limiter instead, the fallback is counted, a warning is logged at most once a minute,
 * and Redis is left alone for {@link #PAUSE_AFTER_ERROR} so an outage costs one timeout, not one
 * per request.
 */
final class RedisRateLimiter implements RateLimiter {
  static final Duration TIMEOUT = Duration.ofMillis(100);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);
  static final String PREFIX = "switchboard:rate:";
  private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
  private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
  private static final String SCRIPT = script();
  private static final String SHA = sha1(SCRIPT);

  private final Redis redis;
  private final RateLimiter local;
  private final LongSupplier nanos;
  private final AtomicLong pausedUntil;
  private final AtomicLong nextWarning;
  private final LongAdder fallbacks = new LongAdder();

  RedisRateLimiter(Vertx vertx, String url, RateLimiter local, LongSupplier nanos) {
    this.redis = RedisConnection.client(vertx, url);
    this.local = local;
    this.nanos = nanos;
    this.pausedUntil = new AtomicLong(nanos.getAsLong());
    this.nextWarning = new AtomicLong(nanos.getAsLong());
  }

  /**
   * Connects and loads the script, so the first requests do not pay for either within {@link
   * #TIMEOUT}; succeeds even when Redis is away (requests then fail open until it is back).
   */
  Future<RedisRateLimiter> connect() {
    return redis
        .send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT))
        .timeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .map(loaded -> this)
        .otherwise(t -> {
          failed(t);
          return this;
        });
  }

  @Override
  public Future<RateDecision> acquire(String bucket, RateLimits limits, long tokens) {
    if (limits.unlimited()) {
      return Future.succeededFuture(RateDecision.unlimited(tokens));
    }
    if (paused()) {
      fallbacks.increment();
      return local.acquire(bucket, limits, tokens);
    }
    Context caller = Vertx.currentContext();
    Promise<RateDecision> answer = Promise.promise();
    run("acquire", bucket, limits, 1, tokens)
        .onComplete(done -> {
          if (done.succeeded()) {
            RedisConnection.completeOn(caller, answer, decision(done.result(), tokens));
          } else {
            failed(done.cause());
            local.acquire(bucket, limits, tokens)
                .onComplete(fallback -> RedisConnection.completeOn(caller, answer, fallback.result()));
          }
        });
    return answer.future();
  }

  @Override
  public void adjust(String bucket, RateLimits limits, long requests, long tokens) {
    if (limits.unlimited()) {
      return;
    }
    if (paused()) {
      fallbacks.increment();
      local.adjust(bucket, limits, requests, tokens);
      return;
    }
    run("adjust", bucket, limits, requests, tokens)
        .onFailure(t -> {
          failed(t);
          local.adjust(bucket, limits, requests, tokens);
        });
  }

  private Future<Response> run(String mode, String bucket, RateLimits limits, long requests, long tokens) {
    String rpm = limits.requestsPerMinute() == null ? "" : limits.requestsPerMinute().toString();
    String tpm = limits.tokensPerMinute() == null ? "" : limits.tokensPerMinute().toString();
    String key = PREFIX + bucket;
    return send(Request.cmd(Command.EVALSHA).arg(SHA), key, mode, rpm, tpm, requests, tokens)
        .recover(t -> t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")
            // first call after a Redis start: EVAL runs the script and caches it under its hash
            ? send(Request.cmd(Command.EVAL).arg(SCRIPT), key, mode, rpm, tpm, requests, tokens)
            : Future.failedFuture(t));
  }

  private Future<Response> send(
      Request call, String key, String mode, String rpm, String tpm, long requests, long tokens) {
    call.arg(1).arg(key).arg(mode).arg(rpm).arg(tpm).arg(requests).arg(tokens);
    return redis.send(call).timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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

  private boolean paused() {
    return nanos.getAsLong() - pausedUntil.get() < 0;
  }

  private void failed(Throwable cause) {
    fallbacks.increment();
    long now = nanos.getAsLong();
    pausedUntil.set(now + PAUSE_AFTER_ERROR.toNanos());
    long due = nextWarning.get();
    if (now - due >= 0 && nextWarning.compareAndSet(due, now + WARN_EVERY_NANOS)) {
      LOG.warn(
          "shared rate limits unavailable, deciding in this process (fail open); {} fallbacks so far: {}",
          fallbacks.sum(), cause.toString());
    }
  }

  @Override
  public long fallbacks() {
    return fallbacks.sum();
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }

  private static String script() {
    try (InputStream in = RedisRateLimiter.class.getResourceAsStream("rate-limit.lua")) {
      if (in == null) {
        throw new IllegalStateException("rate-limit.lua is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
