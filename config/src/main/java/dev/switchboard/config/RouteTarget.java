package dev.switchboard.config;

/**
 * Names one deployment of a model: which provider, the model name that provider expects, and how
 * routing treats it.
 *
 * @param catalogId catalog entry to take metadata and prices from; null means look it up by the
 *     route name, then by the upstream model name
 * @param weight relative share of traffic under the weighted strategy (at least 1)
 * @param priority rank under the fallback strategy, lower first; null means the position in the
 *     route's list
 * @param maxPrice the target is skipped when its catalog price is above this cap
 * @param timeouts per-phase limits for attempts on this target; unset ones are inherited
 */
public record RouteTarget(
    String provider,
    String model,
    String catalogId,
    int weight,
    Integer priority,
    PriceCap maxPrice,
    TargetTimeouts timeouts) {

  public static final int DEFAULT_WEIGHT = 1;

  public RouteTarget {
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be >= 1, was " + weight);
    }
    maxPrice = maxPrice == null ? PriceCap.none() : maxPrice;
    timeouts = timeouts == null ? TargetTimeouts.inherit() : timeouts;
  }

  /** Returns a target with weight 1, list-order priority, no price cap and inherited timeouts. */
  public RouteTarget(String provider, String model, String catalogId) {
    this(provider, model, catalogId, DEFAULT_WEIGHT, null, PriceCap.none(), TargetTimeouts.inherit());
  }
}
