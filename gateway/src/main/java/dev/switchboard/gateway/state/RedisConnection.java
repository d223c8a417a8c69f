package dev.switchboard.gateway.state;

import dev.switchboard.config.RedisUrl;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StateConfig;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.Optional;

/** Creates Redis clients from {@code state.redis}, the same way for every shared store. */
public final class RedisConnection {

  private RedisConnection() {}

  /**
   * Returns the resolved Redis URL of {@code state}, or empty when none is configured.
   *
   * @throws IllegalArgumentException when the URL's variable is unset or it is not a Redis URL
   */
  public static Optional<String> url(StateConfig state) {
    Optional<SecretRef> redis = state.redisUrl();
    if (redis.isEmpty()) {
      return Optional.empty();
    }
    String url;
    try {
      url = redis.get().resolve().orElseThrow();
    } catch (SecretRef.MissingSecretException e) {
      throw new IllegalArgumentException("state.redis: " + e.getMessage(), e);
    }
    RedisUrl.problem(url)
        .ifPresent(p -> {
          throw new IllegalArgumentException("state.redis: " + p);
        });
    return Optional.of(url);
  }

  /** Creates a pooled client for {@code url}: a short connect timeout, many waiting requests. */
  public static Redis client(Vertx vertx, String url) {
    return Redis.createClient(
        vertx,
        new RedisOptions()
            .setConnectionString(url)
            .setMaxPoolSize(8)
            .setMaxPoolWaiting(1024)
            .setMaxWaitingHandlers(4096)
            .setNetClientOptions(new NetClientOptions().setConnectTimeout(1000).setTcpNoDelay(true)));
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
