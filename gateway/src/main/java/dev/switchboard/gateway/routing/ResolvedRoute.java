package dev.switchboard.gateway.routing;

import dev.switchboard.config.RoutingStrategy;
import java.util.List;

/** Holds one public model's targets, in config order, and the strategy that orders them. */
public record ResolvedRoute(String name, RoutingStrategy strategy, List<ResolvedTarget> targets) {

  public ResolvedRoute {
    targets = List.copyOf(targets);
  }
}
