package dev.switchboard.config.catalog;

import dev.switchboard.config.ProviderKind;
import java.util.Map;

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
 * @param cloudIds the model's id on the clouds that resell it ({@code bedrock}: a model or
 *     inference-profile id; {@code vertex}: a publisher model id); empty when none is known
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
    NativeRoute nativeRoute,
    Map<ProviderKind, String> cloudIds) {

  public ModelInfo {
    cloudIds = cloudIds == null ? Map.of() : Map.copyOf(cloudIds);
  }

  /** Returns a model that no cloud is known to resell. */
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
      String releaseDate,
      NativeRoute nativeRoute) {
    this(
        id, displayName, author, openWeights, originCountry, paramsTotalB, paramsActiveB,
        reasoning, tools, contextLength, prices, releaseDate, nativeRoute, Map.of());
  }

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
