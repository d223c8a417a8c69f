package dev.switchboard.gateway.provider.openaicompat;

import static dev.switchboard.gateway.provider.openaicompat.WireJson.count;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the cost a provider reports in its usage object: OpenRouter's {@code cost} (+ {@code
 * is_byok}) and xAI's {@code cost_in_usd_ticks}.
 *
 * @param usd what the request cost in US dollars
 * @param byok whether the provider billed the customer's own upstream key
 */
record ProviderCost(double usd, boolean byok) {

  /** xAI bills in ticks of 1e-10 USD (checked against grok-3-mini list prices). */
  private static final double USD_PER_XAI_TICK = 1e-10;

  /**
   * Returns the reported cost, or null when {@code usage} carries none. For an OpenRouter BYOK
   * request {@code cost} is only OpenRouter's fee and {@code cost_details.upstream_inference_cost}
   * what the upstream billed the customer's key; both are added
   * (https://openrouter.ai/docs/use-cases/usage-accounting).
   */
  static ProviderCost in(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    boolean byok = usage.path("is_byok").asBoolean(false);
    JsonNode cost = usage.get("cost");
    if (cost != null && cost.isNumber()) {
      double usd = cost.doubleValue();
      JsonNode upstream = usage.path("cost_details").path("upstream_inference_cost");
      if (byok && upstream.isNumber()) {
        usd += upstream.doubleValue();
      }
      return new ProviderCost(usd, byok);
    }
    Long ticks = count(usage, "cost_in_usd_ticks");
    if (ticks != null) {
      return new ProviderCost(ticks * USD_PER_XAI_TICK, false);
    }
    return null;
  }
}
