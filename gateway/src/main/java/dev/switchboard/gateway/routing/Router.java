package dev.switchboard.gateway.routing;

/**
 * Orders the targets that may serve a request. Implementations are pure: the same request,
 * snapshot and random state give the same plan, with no I/O.
 */
public interface Router {

  /** Returns the targets to try, best first, and those left out with their reasons. */
  RoutingPlan plan(RouteRequest request, TargetSnapshot targets);
}
