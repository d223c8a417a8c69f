package dev.switchboard.gateway.routing;

import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.StateConfig;
import dev.switchboard.gateway.affinity.AffinityStore;
import dev.switchboard.gateway.affinity.AffinityStores;
import io.vertx.core.Vertx;
import java.util.Random;

/**
 * Bundles the routing parts every event loop shares: the router, the live target monitor, the
 * session affinity store, the routing settings and counters, and the time and randomness they use
 * (injectable for tests).
 *
 * @param random thread-safe source for weighted choices and backoff jitter
 */
public record RoutingRuntime(
    Router router,
    TargetMonitor monitor,
    RoutingConfig config,
    Ticker ticker,
    Sleeper sleeper,
    Random random,
    AffinityStore affinity,
    RoutingCounters counters) {

  /** Returns a runtime on the system clock, Vert.x timers and an unseeded random. */
  public static RoutingRuntime system(Vertx vertx, RoutingConfig config) {
    return system(vertx, config, StateConfig.defaults());
  }

  /**
   * Returns a runtime on the system clock, Vert.x timers and an unseeded random, sharing session
   * affinity through {@code state}'s Redis when one is configured.
   */
  public static RoutingRuntime system(Vertx vertx, RoutingConfig config, StateConfig state) {
    Ticker ticker = Ticker.system();
    return create(config, ticker, Sleeper.timers(vertx), new Random())
        .withAffinity(AffinityStores.create(vertx, config.affinity(), state, ticker::nanos));
  }

  /** Returns a runtime using the given time and randomness, with affinity kept in memory. */
  public static RoutingRuntime create(
      RoutingConfig config, Ticker ticker, Sleeper sleeper, Random random) {
    RoutingCounters counters = new RoutingCounters();
    return new RoutingRuntime(
        new StrategyRouter(random),
        new TargetMonitor(config.breaker(), ticker, counters.meters()),
        config,
        ticker,
        sleeper,
        random,
        AffinityStores.local(config.affinity(), ticker::nanos),
        counters);
  }

  /** Returns a copy remembering sessions' targets in {@code store}. */
  public RoutingRuntime withAffinity(AffinityStore store) {
    return new RoutingRuntime(router, monitor, config, ticker, sleeper, random, store, counters);
  }
}
