package dev.switchboard.gateway.routing;

import dev.switchboard.config.PriceCap;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.config.catalog.ModelPrices;
import dev.switchboard.gateway.api.ProviderPreferences;
import java.util.Set;

/**
 * Decides whether a target's provider, price and features fit a request's preferences, and its
 * context window the request's prompt.
 */
final class TargetFilter {

  private TargetFilter() {}

  /** Returns why {@code target} cannot serve the request, or null when it can. */
  static Exclusion.Reason reason(ResolvedTarget target, RouteRequest request) {
    Exclusion.Reason reason = preferenceReason(target, request.preferences(), request.required());
    if (reason == null && !ContextWindow.fits(target, request.promptTokens())) {
      return Exclusion.Reason.CONTEXT_TOO_SMALL;
    }
    return reason;
  }

  private static Exclusion.Reason preferenceReason(
      ResolvedTarget target, ProviderPreferences preferences, Set<Capability> required) {
    String provider = target.provider().id();
    if (preferences.ignore().contains(provider)) {
      return Exclusion.Reason.IGNORED;
    }
    if (!preferences.only().isEmpty() && !preferences.only().contains(provider)) {
      return Exclusion.Reason.NOT_ALLOWED;
    }
    if (preferences.denyDataCollection()
        && !Boolean.FALSE.equals(target.provider().collectsData())) {
      return Exclusion.Reason.DATA_COLLECTION;
    }
    ModelPrices prices = target.prices();
    Exclusion.Reason price = requestCap(preferences.maxPrice(), prices);
    if (price != null) {
      return price;
    }
    // a configured target whose price the catalog does not know stays usable: the operator chose it
    if (above(prices.input(), target.maxPrice().prompt())
        || above(prices.output(), target.maxPrice().completion())) {
      return Exclusion.Reason.OVER_TARGET_CAP;
    }
    if (preferences.requireParameters() && !supports(target, required)) {
      return Exclusion.Reason.MISSING_CAPABILITY;
    }
    return null;
  }

  private static Exclusion.Reason requestCap(PriceCap cap, ModelPrices prices) {
    if ((cap.prompt() != null && prices.input() == null)
        || (cap.completion() != null && prices.output() == null)) {
      return Exclusion.Reason.PRICE_UNKNOWN;
    }
    if (above(prices.input(), cap.prompt()) || above(prices.output(), cap.completion())) {
      return Exclusion.Reason.OVER_MAX_PRICE;
    }
    return null;
  }

  private static boolean above(Double price, Double cap) {
    return price != null && cap != null && price > cap;
  }

  private static boolean supports(ResolvedTarget target, Set<Capability> required) {
    ModelInfo info = target.catalogEntry().orElse(null);
    for (Capability capability : required) {
      Boolean supported =
          info == null
              ? null
              : switch (capability) {
                case TOOLS -> info.tools();
                case REASONING -> info.reasoning();
              };
      if (!Boolean.TRUE.equals(supported)) {
        return false;
      }
    }
    return true;
  }
}
