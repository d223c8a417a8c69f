package dev.switchboard.gateway.routing;

import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.config.catalog.ModelPrices;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Sorts one route's targets by a strategy. Ties (and unmeasured targets under measured strategies)
 * fall back to priority. Targets not measured yet go first under latency and throughput so that
 * every target gets measured instead of being starved by the first one that was.
 */
final class TargetOrder {
  private static final Comparator<ResolvedTarget> BY_PRIORITY =
      Comparator.comparingInt(ResolvedTarget::priority);

  private TargetOrder() {}

  /** Returns {@code targets} in the order {@code strategy} prefers, best first. */
  static List<ResolvedTarget> sort(
      List<ResolvedTarget> targets,
      RoutingStrategy strategy,
      TargetSnapshot snapshot,
      RandomGenerator random) {
    List<ResolvedTarget> sorted = new ArrayList<>(targets);
    switch (strategy) {
      case FALLBACK -> sorted.sort(BY_PRIORITY);
      case WEIGHTED -> sorted = weighted(targets, random);
      case PRICE -> sorted.sort(Comparator.comparing(TargetOrder::blendedPrice, nullsLast()).thenComparing(BY_PRIORITY));
      case LATENCY -> sorted.sort(
          Comparator.comparing((ResolvedTarget t) -> snapshot.state(t.key()).responsiveness(), nullsFirst())
              .thenComparing(BY_PRIORITY));
      case THROUGHPUT -> sorted.sort(
          Comparator.comparing((ResolvedTarget t) -> negate(snapshot.state(t.key()).tokensPerSecond()), nullsFirst())
              .thenComparing(BY_PRIORITY));
      case LEAST_INFLIGHT -> sorted.sort(
          Comparator.comparingInt((ResolvedTarget t) -> snapshot.state(t.key()).inFlight())
              .thenComparing(BY_PRIORITY));
    }
    return sorted;
  }

  /**
   * Draws a random order in which each position goes to a remaining target with probability
   * proportional to its weight (Efraimidis-Spirakis: sort by u^(1/w), here as ln(u)/w).
   */
  private static List<ResolvedTarget> weighted(List<ResolvedTarget> targets, RandomGenerator random) {
    Map<ResolvedTarget, Double> keys = new HashMap<>();
    for (ResolvedTarget target : targets) {
      // 1 - nextDouble() is in (0, 1], so the logarithm is finite
      keys.put(target, Math.log(1.0 - random.nextDouble()) / target.weight());
    }
    List<ResolvedTarget> sorted = new ArrayList<>(targets);
    sorted.sort(Comparator.comparing((ResolvedTarget t) -> keys.get(t)).reversed().thenComparing(BY_PRIORITY));
    return sorted;
  }

  /** Returns input plus output price per 1M tokens, or null when either is unknown. */
  private static Double blendedPrice(ResolvedTarget target) {
    ModelPrices prices = target.prices();
    return prices.input() == null || prices.output() == null ? null : prices.input() + prices.output();
  }

  private static Double negate(Double value) {
    return value == null ? null : -value;
  }

  private static Comparator<Double> nullsLast() {
    return Comparator.nullsLast(Comparator.naturalOrder());
  }

  private static Comparator<Double> nullsFirst() {
    return Comparator.nullsFirst(Comparator.naturalOrder());
  }
}
