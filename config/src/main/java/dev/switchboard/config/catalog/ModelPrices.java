package dev.switchboard.config.catalog;

/** Lists a model's USD prices per 1M tokens; a null price is unknown (not free). */
public record ModelPrices(Double input, Double output, Double cacheRead, Double cacheWrite) {

  /** Returns prices that are all unknown. */
  public static ModelPrices unknown() {
    return new ModelPrices(null, null, null, null);
  }
}
