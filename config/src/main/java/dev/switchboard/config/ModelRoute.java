package dev.switchboard.config;

import java.util.List;

/**
 * Maps a public model name (what clients send) to the upstream targets that can serve it, and the
 * strategy that orders them for each request.
 */
public record ModelRoute(String name, List<RouteTarget> targets, RoutingStrategy strategy) {

  public ModelRoute {
    targets = List.copyOf(targets);
    strategy = strategy == null ? RoutingStrategy.FALLBACK : strategy;
  }

  /** Returns a route that tries its targets in list order. */
  public ModelRoute(String name, List<RouteTarget> targets) {
    this(name, targets, RoutingStrategy.FALLBACK);
  }
}
