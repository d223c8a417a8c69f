package dev.switchboard.gateway.routing;

import dev.switchboard.config.RoutingConfig;
import io.vertx.core.Vertx;
import java.util.Random;

/**
 * Bundles the routing parts every event loop shares: the router, the live target monitor, the
 * routing settings, and the time and randomness they use (injectable for tests).
 *
 * @param random thread-safe source for weighted choices and backoff jitter
 */
public record RoutingRuntime(
    Router router,
    TargetMonitor monitor,
    RoutingConfig config,
    Ticker ticker,
    Sleeper sleeper,
    Random random) {

  /** Returns a runtime on the system clock, Vert.x timers and an unseeded random. */
  public static RoutingRuntime system(Vertx vertx, RoutingConfig config) {
    return create(config, Ticker.system(), Sleeper.timers(vertx), new Random());
  }

  /** Returns a runtime using the given time and randomness. */
  public static RoutingRuntime create(
      RoutingConfig config, Ticker ticker, Sleeper sleeper, Random random) {
    return new RoutingRuntime(
        new StrategyRouter(random),
        new TargetMonitor(config.breaker(), ticker),
        config,
        ticker,
        sleeper,
        random);
  }
}
