package dev.switchboard.gateway.state;

import dev.switchboard.config.RedisUrl;
import dev.switchboard.config.StateConfig;
import dev.switchboard.gateway.lifecycle.ReadinessCheck;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.RedisOptions;
import java.util.Optional;
import java.util.function.Function;

/** Creates Redis clients from {@code state.redis}, the same way for every shared store. */
public final class RedisConnection {

  private RedisConnection() {}

  /**
   * Returns the resolved Redis URL of {@code state}, or empty when none is configured.
   *
   * @throws IllegalArgumentException when the URL's variable is unset or it is not a Redis URL
   */
  public static Optional<String> url(StateConfig state) {
    return StateUrl.resolve(state.redisUrl(), "redis", RedisUrl::problem);
  }

  /**
   * Returns {@code local} when {@code state} names no Redis, else what {@code shared} starts on
   * the resolved URL: how every store that may be shared is chosen.
   *
   * @return a failed future when the URL's variable is unset or it is not a Redis URL
   */
  public static <T> Future<T> choose(StateConfig state, T local, Function<String, Future<? extends T>> shared) {
    Optional<String> url;
    try {
      url = url(state);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return url.isEmpty() ? Future.succeededFuture(local) : shared.apply(url.get()).map(started -> started);
  }

  /**
   * Creates a client for {@code url} that pipelines commands over one connection per event loop
   * ({@link PipelinedRedis}): a short connect timeout, many commands in flight.
   */
  public static Redis client(Vertx vertx, String url) {
    return new PipelinedRedis(pool(vertx, url));
  }

  /**
   * Returns whether {@code redis}, a client of {@link #client}, answered any command within the
   * last {@code window}: a call that timed out meanwhile was slow here, Redis is not away.
   */
  public static boolean answeredWithin(Redis redis, java.time.Duration window) {
    return redis instanceof PipelinedRedis pipelined && pipelined.answeredWithin(window.toNanos());
  }

  private static Redis pool(Vertx vertx, String url) {
    return Redis.createClient(
        vertx,
        new RedisOptions()
            .setConnectionString(url)
            .setMaxPoolSize(8)
            .setMaxPoolWaiting(1024)
            .setMaxWaitingHandlers(4096)
            .setNetClientOptions(new NetClientOptions().setConnectTimeout(1000).setTcpNoDelay(true)));
  }

  /** Returns a {@code /ready} check that sends PING to Redis over a client of its own. */
  public static ReadinessCheck readinessCheck(Vertx vertx, String url) {
    Redis redis = client(vertx, url);
    return new ReadinessCheck("redis", () -> redis.send(Request.cmd(Command.PING)), redis::close);
  }

  /**
   * Completes {@code answer} on the caller's context, so work that waits on a Redis reply stays
   * confined to its own event loop.
   */
  public static <T> void completeOn(Context caller, Promise<T> answer, T value) {
    if (caller == null || Vertx.currentContext() == caller) {
      answer.complete(value);
    } else {
      caller.runOnContext(v -> answer.complete(value));
    }
  }

  /** Fails {@code answer} on the caller's context, like {@link #completeOn}. */
  public static <T> void failOn(Context caller, Promise<T> answer, Throwable cause) {
    if (caller == null || Vertx.currentContext() == caller) {
      answer.fail(cause);
    } else {
      caller.runOnContext(v -> answer.fail(cause));
    }
  }
}
