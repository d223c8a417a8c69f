package dev.switchboard.gateway.routing;

import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.gateway.api.ProviderPreferences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Plans a request model by model: drops targets the preferences rule out, orders the rest by the
 * strategy (model suffix, then {@code provider.sort}, then the route's own), puts {@code
 * provider.order} first, applies {@code allow_fallbacks}, and finally skips open breakers. Targets
 * whose context window cannot hold the prompt are left out like those the preferences rule out. A
 * deployment named by several requested models is tried once, at its first place.
 */
public final class StrategyRouter implements Router {
  private final RandomGenerator random;

  /** Creates a router drawing weighted choices from {@code random} (seed it for tests). */
  public StrategyRouter(RandomGenerator random) {
    this.random = random;
  }

  @Override
  public RoutingPlan plan(RouteRequest request, TargetSnapshot snapshot) {
    ProviderPreferences preferences = request.preferences();
    Set<TargetKey> seen = new HashSet<>();
    List<ResolvedTarget> ordered = new ArrayList<>();
    List<Exclusion> excluded = new ArrayList<>();
    for (RouteRequest.Candidate candidate : request.candidates()) {
      List<ResolvedTarget> allowed = new ArrayList<>();
      for (ResolvedTarget target : candidate.route().targets()) {
        if (!seen.add(target.key())) {
          continue;
        }
        Exclusion.Reason reason = TargetFilter.reason(target, request);
        if (reason == null) {
          allowed.add(target);
        } else {
          excluded.add(new Exclusion(target, reason));
        }
      }
      RoutingStrategy strategy = strategy(candidate, preferences);
      List<ResolvedTarget> sorted = TargetOrder.sort(allowed, strategy, snapshot, random);
      sorted = applyOrder(sorted, preferences.order());
      if (!preferences.allowFallbacks()) {
        sorted = keepPrimaries(sorted, preferences.order(), excluded);
      }
      for (ResolvedTarget target : sorted) {
        if (snapshot.state(target.key()).available()) {
          ordered.add(target);
        } else {
          excluded.add(new Exclusion(target, Exclusion.Reason.BREAKER_OPEN));
        }
      }
    }
    return new RoutingPlan(ordered, excluded);
  }

  private static RoutingStrategy strategy(
      RouteRequest.Candidate candidate, ProviderPreferences preferences) {
    if (candidate.sort() != null) {
      return candidate.sort();
    }
    return preferences.sort() != null ? preferences.sort() : candidate.route().strategy();
  }

  /** Moves targets of providers named in {@code order} to the front, in that order (stable). */
  private static List<ResolvedTarget> applyOrder(List<ResolvedTarget> sorted, List<String> order) {
    if (order.isEmpty()) {
      return sorted;
    }
    List<ResolvedTarget> result = new ArrayList<>(sorted);
    result.sort(Comparator.comparingInt(t -> rank(order, t)));
    return result;
  }

  private static int rank(List<String> order, ResolvedTarget target) {
    int index = order.indexOf(target.provider().id());
    return index < 0 ? order.size() : index;
  }

  /**
   * Keeps only the ordered providers' targets, or the first target when there is no order (as
   * OpenRouter does with {@code allow_fallbacks: false}).
   */
  private static List<ResolvedTarget> keepPrimaries(
      List<ResolvedTarget> sorted, List<String> order, List<Exclusion> excluded) {
    List<ResolvedTarget> kept = new ArrayList<>();
    for (ResolvedTarget target : sorted) {
      boolean primary =
          order.isEmpty() ? kept.isEmpty() : order.contains(target.provider().id());
      if (primary) {
        kept.add(target);
      } else {
        excluded.add(new Exclusion(target, Exclusion.Reason.FALLBACKS_DISABLED));
      }
    }
    return kept;
  }
}
