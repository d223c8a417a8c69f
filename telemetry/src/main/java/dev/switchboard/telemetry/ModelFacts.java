package dev.switchboard.telemetry;

import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.config.catalog.SizeClass;

/**
 * Copies the catalog metadata a usage record carries, so stats never need the catalog of the day
 * the request was made; null fields are unknown.
 */
public record ModelFacts(
    String catalogId,
    String author,
    Boolean openWeights,
    String originCountry,
    SizeClass sizeClass,
    Boolean reasoning) {

  private static final ModelFacts UNKNOWN =
      new ModelFacts(null, null, null, null, SizeClass.UNKNOWN, null);

  /** Returns facts for a model the catalog does not know. */
  public static ModelFacts unknown() {
    return UNKNOWN;
  }

  /** Copies the facts of a catalog entry. */
  public static ModelFacts of(ModelInfo info) {
    return new ModelFacts(
        info.id(),
        info.author(),
        info.openWeights(),
        info.originCountry(),
        info.sizeClass(),
        info.reasoning());
  }
}
