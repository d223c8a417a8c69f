package dev.switchboard.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Waits without blocking: the future completes after the delay, on the caller's context. */
@FunctionalInterface
public interface Sleeper {

  /** Returns a future completed once {@code delay} has passed. */
  Future<Void> sleep(Duration delay);

  /** Returns a sleeper backed by Vert.x timers. */
  static Sleeper timers(Vertx vertx) {
    return delay -> {
      long millis = Math.max(1, (delay.toNanos() + 999_999) / 1_000_000);
      return vertx.timer(millis).mapEmpty();
    };
  }
}
