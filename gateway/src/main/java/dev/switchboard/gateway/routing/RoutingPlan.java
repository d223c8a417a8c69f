package dev.switchboard.gateway.routing;

import java.util.List;

/**
 * Holds a routing decision: the targets to try, best first, and every target left out with why.
 */
public record RoutingPlan(List<ResolvedTarget> targets, List<Exclusion> excluded) {

  public RoutingPlan {
    targets = List.copyOf(targets);
    excluded = List.copyOf(excluded);
  }

  /** Returns whether some target is only held back by its breaker, so waiting could help. */
  public boolean hasBreakerExclusions() {
    return excluded.stream().anyMatch(e -> e.reason() == Exclusion.Reason.BREAKER_OPEN);
  }
}
