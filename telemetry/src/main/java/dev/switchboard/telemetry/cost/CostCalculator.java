package dev.switchboard.telemetry.cost;

import dev.switchboard.config.catalog.ModelPrices;
import dev.switchboard.telemetry.TokenUsage;

/** Prices a request's reported tokens with catalog prices per 1M tokens. */
public final class CostCalculator {
  private static final double PER_MILLION = 1_000_000.0;

  private CostCalculator() {}

  /**
   * Returns the cost in USD, or null when prompt or completion tokens were not reported or the
   * input or output price is unknown.
   *
   * <p>Uncached input (prompt − cache reads − cache writes) is billed at the input price, cache
   * reads and writes at their own prices (the input price when the catalog has none), completion
   * tokens, reasoning included, at the output price.
   */
  public static Double costUsd(ModelPrices prices, TokenUsage usage) {
    if (prices == null || usage == null) {
      return null;
    }
    Long prompt = usage.promptTokens();
    Long completion = usage.completionTokens();
    Double input = prices.input();
    Double output = prices.output();
    if (prompt == null || completion == null || input == null || output == null) {
      return null;
    }
    long cachedRead = orZero(usage.cachedReadTokens());
    long cacheWrite = orZero(usage.cacheWriteTokens());
    // A provider whose cache counts exceed its prompt count is inconsistent; never bill negative.
    long uncached = Math.max(0, prompt - cachedRead - cacheWrite);
    double dollarsTimesMillion =
        uncached * input
            + cachedRead * orElse(prices.cacheRead(), input)
            + cacheWrite * orElse(prices.cacheWrite(), input)
            + completion * output;
    return dollarsTimesMillion / PER_MILLION;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }

  private static double orElse(Double price, double fallback) {
    return price == null ? fallback : price;
  }
}
