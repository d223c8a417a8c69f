package dev.switchboard.gateway.routing;

import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.gateway.affinity.SessionKey;
import dev.switchboard.gateway.api.ProviderPreferences;
import java.util.List;
import java.util.Set;

/**
 * Holds what routing needs to know about one request: the routes of the models it may be served
 * by, in order, the client's provider preferences, its session and its prompt's size.
 *
 * @param candidates one per requested model, primary first
 * @param preferences the {@code provider} object (or none)
 * @param required features the targets must support when {@code require_parameters} is set
 * @param session the conversation it continues, for affinity; null when unknown or affinity is off
 * @param promptTokens the estimated prompt size, for context windows; 0 when not estimated
 */
public record RouteRequest(
    List<Candidate> candidates,
    ProviderPreferences preferences,
    Set<Capability> required,
    SessionKey session,
    long promptTokens) {

  public RouteRequest {
    candidates = List.copyOf(candidates);
    required = Set.copyOf(required);
  }

  /** Returns a request without session or prompt size. */
  public RouteRequest(
      List<Candidate> candidates, ProviderPreferences preferences, Set<Capability> required) {
    this(candidates, preferences, required, null, 0);
  }

  /** Returns a request for one route with no preferences. */
  public static RouteRequest of(ResolvedRoute route) {
    return new RouteRequest(List.of(new Candidate(route, null)), ProviderPreferences.none(), Set.of());
  }

  /** Returns a copy belonging to {@code newSession}. */
  public RouteRequest withSession(SessionKey newSession) {
    return new RouteRequest(candidates, preferences, required, newSession, promptTokens);
  }

  /** Returns a copy whose prompt is about {@code tokens} long. */
  public RouteRequest withPromptTokens(long tokens) {
    return new RouteRequest(candidates, preferences, required, session, tokens);
  }

  /** Returns the route of the model the client asked for first. */
  public ResolvedRoute primary() {
    return candidates.get(0).route();
  }

  /**
   * Names one requested model's route.
   *
   * @param sort the strategy its model suffix asks for, or null
   */
  public record Candidate(ResolvedRoute route, RoutingStrategy sort) {}
}
