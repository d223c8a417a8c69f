package dev.switchboard.config.catalog;

/**
 * Holds the facts about one model; null fields are unknown, never guessed.
 *
 * @param id {@code author/model} slug
 * @param originCountry ISO 3166-1 alpha-2 country of the primary developer
 * @param paramsTotalB total parameters in billions
 * @param paramsActiveB active parameters in billions (equal to total for dense models)
 * @param releaseDate {@code YYYY-MM-DD} or {@code YYYY-MM}
 * @param nativeRoute the first-party provider serving the model, or null when there is none or
 *     it is not known
 */
public record ModelInfo(
    String id,
    String displayName,
    String author,
    Boolean openWeights,
    String originCountry,
    Double paramsTotalB,
    Double paramsActiveB,
    Boolean reasoning,
    Boolean tools,
    Integer contextLength,
    ModelPrices prices,
    String releaseDate,
    NativeRoute nativeRoute) {

  /** Returns a model without a known native route. */
  public ModelInfo(
      String id,
      String displayName,
      String author,
      Boolean openWeights,
      String originCountry,
      Double paramsTotalB,
      Double paramsActiveB,
      Boolean reasoning,
      Boolean tools,
      Integer contextLength,
      ModelPrices prices,
      String releaseDate) {
    this(
        id, displayName, author, openWeights, originCountry, paramsTotalB, paramsActiveB,
        reasoning, tools, contextLength, prices, releaseDate, null);
  }

  /** Returns the size class derived from total parameters. */
  public SizeClass sizeClass() {
    return SizeClass.fromTotalParams(paramsTotalB);
  }
}
