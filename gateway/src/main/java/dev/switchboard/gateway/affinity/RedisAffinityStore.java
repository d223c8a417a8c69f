package dev.switchboard.gateway.affinity;

import dev.switchboard.config.AffinityConfig;
import dev.switchboard.gateway.state.RedisConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Shares affinity between gateways through Redis, one key per route and session with a
 * millisecond expiry. A lookup is one {@code GETEX key PX ttl} (read and refresh in one round
 * trip); a write ({@code SET key target PX ttl}) happens only when a session gets a new target, and
 * is not awaited. Every answer is also kept in memory: when Redis errs or is slower than {@link
 * #TIMEOUT}, the memory answers and Redis is left alone for {@link #PAUSE_AFTER_ERROR}, so a Redis
 * outage costs one timeout, not one per request.
 */
final class RedisAffinityStore implements AffinityStore {
  static final Duration TIMEOUT = Duration.ofMillis(100);
  static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);
  private static final String PREFIX = "switchboard:affinity:";

  private final Redis redis;
  private final LocalAffinityStore local;
  private final LongSupplier nanos;
  private final String ttlMs;
  private final AtomicLong pausedUntil;
  private final LongAdder fallbacks = new LongAdder();

  RedisAffinityStore(
      Vertx vertx, String url, AffinityConfig config, LocalAffinityStore local, LongSupplier nanos) {
    this.redis = RedisConnection.client(vertx, url);
    this.local = local;
    this.nanos = nanos;
    this.ttlMs = Long.toString(config.ttl().toMillis());
    this.pausedUntil = new AtomicLong(nanos.getAsLong());
  }

  @Override
  public Future<String> lookup(String route, String session) {
    String remembered = local.get(route, session);
    if (paused()) {
      fallbacks.increment();
      return Future.succeededFuture(remembered);
    }
    Context caller = Vertx.currentContext();
    Promise<String> answer = Promise.promise();
    redis
        .send(Request.cmd(Command.GETEX).arg(key(route, session)).arg("PX").arg(ttlMs))
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .onComplete(
            done -> {
              String target = remembered;
              if (done.failed()) {
                failed();
              } else if (done.result() != null) {
                target = done.result().toString();
                local.remember(route, session, target);
              } else if (remembered != null) {
                // written here while Redis was away: share it now
                write(route, session, remembered);
              }
              RedisConnection.completeOn(caller, answer, target);
            });
    return answer.future();
  }

  @Override
  public void remember(String route, String session, String target) {
    local.remember(route, session, target);
    if (paused()) {
      fallbacks.increment();
      return;
    }
    write(route, session, target);
  }

  private void write(String route, String session, String target) {
    redis
        .send(Request.cmd(Command.SET).arg(key(route, session)).arg(target).arg("PX").arg(ttlMs))
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .onFailure(t -> failed());
  }

  private boolean paused() {
    return nanos.getAsLong() - pausedUntil.get() < 0;
  }

  private void failed() {
    fallbacks.increment();
    pausedUntil.set(nanos.getAsLong() + PAUSE_AFTER_ERROR.toNanos());
  }

  @Override
  public long fallbacks() {
    return fallbacks.sum();
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }

  private static String key(String route, String session) {
    return PREFIX + route + ":" + session;
  }
}
