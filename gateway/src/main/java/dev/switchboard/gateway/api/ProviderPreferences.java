package dev.switchboard.gateway.api;

import dev.switchboard.config.PriceCap;
import dev.switchboard.config.RoutingStrategy;
import java.util.List;

/**
 * Holds OpenRouter's {@code provider} request object: which providers may serve the request and in
 * what order. Provider names are config provider ids; they are checked against the config later.
 *
 * @param order providers to try first, in this order
 * @param only the only providers allowed (empty: all)
 * @param ignore providers never used
 * @param allowFallbacks false limits the request to the providers in {@code order}, or to the
 *     first target when there is no order
 * @param sort overrides the routes' strategies: price, throughput or latency; null keeps them
 * @param maxPrice USD per 1M tokens the request may cost at most; targets of unknown price are
 *     refused when a cap is set
 * @param requireParameters only use targets known to support every feature the request uses
 * @param denyDataCollection only use providers declared not to collect data
 */
public record ProviderPreferences(
    List<String> order,
    List<String> only,
    List<String> ignore,
    boolean allowFallbacks,
    RoutingStrategy sort,
    PriceCap maxPrice,
    boolean requireParameters,
    boolean denyDataCollection) {

  private static final ProviderPreferences NONE =
      new ProviderPreferences(List.of(), List.of(), List.of(), true, null, PriceCap.none(), false, false);

  public ProviderPreferences {
    order = List.copyOf(order);
    only = List.copyOf(only);
    ignore = List.copyOf(ignore);
    maxPrice = maxPrice == null ? PriceCap.none() : maxPrice;
  }

  /** Returns the preferences of a request without a {@code provider} object. */
  public static ProviderPreferences none() {
    return NONE;
  }
}
