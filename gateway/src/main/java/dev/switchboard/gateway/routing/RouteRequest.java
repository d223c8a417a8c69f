package dev.switchboard.gateway.routing;

import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.gateway.api.ProviderPreferences;
import java.util.List;
import java.util.Set;

/**
 * Holds what routing needs to know about one request: the routes of the models it may be served
 * by, in order, and the client's provider preferences.
 *
 * @param candidates one per requested model, primary first
 * @param preferences the {@code provider} object (or none)
 * @param required features the targets must support when {@code require_parameters} is set
 */
public record RouteRequest(
    List<Candidate> candidates, ProviderPreferences preferences, Set<Capability> required) {

  public RouteRequest {
    candidates = List.copyOf(candidates);
    required = Set.copyOf(required);
  }

  /** Returns a request for one route with no preferences. */
  public static RouteRequest of(ResolvedRoute route) {
    return new RouteRequest(List.of(new Candidate(route, null)), ProviderPreferences.none(), Set.of());
  }

  /**
   * Names one requested model's route.
   *
   * @param sort the strategy its model suffix asks for, or null
   */
  public record Candidate(ResolvedRoute route, RoutingStrategy sort) {}
}
