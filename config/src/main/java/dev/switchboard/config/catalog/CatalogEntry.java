package dev.switchboard.config.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.config.ProviderKind;
import java.util.EnumMap;
import java.util.Map;

/** Mirrors one entry of the catalog resource as written (snake_case, size class declared). */
record CatalogEntry(
    String id,
    @JsonProperty("display_name") String displayName,
    String author,
    @JsonProperty("open_weights") Boolean openWeights,
    @JsonProperty("origin_country") String originCountry,
    @JsonProperty("params_total_b") Double paramsTotalB,
    @JsonProperty("params_active_b") Double paramsActiveB,
    @JsonProperty("size_class") String sizeClass,
    Boolean reasoning,
    Boolean tools,
    @JsonProperty("context_length") Integer contextLength,
    Prices prices,
    @JsonProperty("release_date") String releaseDate,
    @JsonProperty("native") Native nativeRoute,
    Map<String, String> clouds) {

  /** Mirrors the {@code native} mapping: kind as spelled in switchboard.yaml. */
  record Native(String kind, String flavor, String model) {}

  /** Mirrors the {@code prices} mapping, USD per 1M tokens. */
  record Prices(
      Double input,
      Double output,
      @JsonProperty("cache_read") Double cacheRead,
      @JsonProperty("cache_write") Double cacheWrite) {}

  /**
   * Converts to the public record; the declared size class is only checked, never stored. Call only
   * after {@link CatalogValidator} passed (the native kind is known).
   */
  ModelInfo toModelInfo() {
    ModelPrices modelPrices =
        prices == null
            ? ModelPrices.unknown()
            : new ModelPrices(prices.input, prices.output, prices.cacheRead, prices.cacheWrite);
    return new ModelInfo(
        id,
        displayName,
        author,
        openWeights,
        originCountry,
        paramsTotalB,
        paramsActiveB,
        reasoning,
        tools,
        contextLength,
        modelPrices,
        releaseDate,
        nativeRoute == null
            ? null
            : new NativeRoute(
                ProviderKind.fromConfigName(nativeRoute.kind).orElseThrow(),
                nativeRoute.flavor,
                nativeRoute.model),
        cloudIds());
  }

  private Map<ProviderKind, String> cloudIds() {
    Map<ProviderKind, String> ids = new EnumMap<>(ProviderKind.class);
    if (clouds != null) {
      clouds.forEach((kind, model) -> ids.put(ProviderKind.fromConfigName(kind).orElseThrow(), model));
    }
    return ids;
  }
}
