package dev.switchboard.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.PriceCap;
import dev.switchboard.config.RoutingStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads OpenRouter's routing fields ({@code models}, {@code provider}, model suffixes, {@code
 * transforms}) from a chat
 * request body, refusing malformed ones with a 400 that names the field. Fields OpenRouter accepts
 * but Switchboard cannot act on ({@code zdr}, {@code quantizations}, ...) are ignored.
 */
public final class RoutingFieldsParser {
  private static final Set<String> SORTS = Set.of("price", "throughput", "latency");
  /** OpenRouter's one transform (https://openrouter.ai/docs/features/message-transforms). */
  public static final String MIDDLE_OUT = "middle-out";

  private RoutingFieldsParser() {}

  /**
   * Parses the fields of {@code request}.
   *
   * @throws ApiErrorException with a 400 when a field has the wrong shape
   */
  public static RoutingFields parse(ChatRequest request) {
    ObjectNode body = request.body();
    return new RoutingFields(
        models(request.model(), body.get("models")),
        provider(body.get("provider")),
        isSet(body.get("reasoning")) || isSet(body.get("reasoning_effort")),
        middleOut(body.get("transforms")));
  }

  private static boolean middleOut(JsonNode transforms) {
    if (!isSet(transforms)) {
      return false;
    }
    List<String> names = strings(transforms, "transforms");
    for (String name : names) {
      if (!name.equals(MIDDLE_OUT)) {
        throw new ApiErrorException(
            ApiError.badRequest(
                "invalid_value",
                "transforms",
                "Unknown transform '" + name + "' in 'transforms': expected \"" + MIDDLE_OUT + "\"."));
      }
    }
    return !names.isEmpty();
  }

  private static List<ModelChoice> models(String primary, JsonNode models) {
    Map<String, ModelChoice> choices = new LinkedHashMap<>();
    ModelChoice first = ModelChoice.parse(primary);
    choices.put(primary, first);
    if (isSet(models)) {
      for (String name : strings(models, "models")) {
        choices.putIfAbsent(name, ModelChoice.parse(name));
      }
    }
    return List.copyOf(choices.values());
  }

  private static ProviderPreferences provider(JsonNode provider) {
    if (!isSet(provider)) {
      return ProviderPreferences.none();
    }
    if (!provider.isObject()) {
      throw invalid("provider", "an object");
    }
    return new ProviderPreferences(
        optionalStrings(provider, "order"),
        optionalStrings(provider, "only"),
        optionalStrings(provider, "ignore"),
        optionalBoolean(provider, "allow_fallbacks", true),
        sort(provider.get("sort")),
        maxPrice(provider.get("max_price")),
        optionalBoolean(provider, "require_parameters", false),
        dataCollectionDenied(provider.get("data_collection")));
  }

  private static RoutingStrategy sort(JsonNode sort) {
    if (!isSet(sort)) {
      return null;
    }
    // newer OpenRouter clients send {"by": "price", "partition": ...}
    JsonNode by = sort.isObject() ? sort.get("by") : sort;
    if (by == null || !by.isTextual() || !SORTS.contains(by.asText())) {
      throw new ApiErrorException(
          ApiError.badRequest(
              "invalid_value",
              "provider.sort",
              "Invalid 'provider.sort': expected one of price, throughput, latency."));
    }
    return RoutingStrategy.fromConfigName(by.asText()).orElseThrow();
  }

  private static PriceCap maxPrice(JsonNode maxPrice) {
    if (!isSet(maxPrice)) {
      return PriceCap.none();
    }
    if (!maxPrice.isObject()) {
      throw invalid("provider.max_price", "an object");
    }
    return new PriceCap(price(maxPrice, "prompt"), price(maxPrice, "completion"));
  }

  private static Double price(JsonNode maxPrice, String field) {
    JsonNode value = maxPrice.get(field);
    if (!isSet(value)) {
      return null;
    }
    // OpenRouter documents these as numbers but its SDKs also send decimal strings
    double price;
    if (value.isNumber()) {
      price = value.asDouble();
    } else if (value.isTextual()) {
      try {
        price = Double.parseDouble(value.asText().trim());
      } catch (NumberFormatException e) {
        throw invalid("provider.max_price." + field, "a number");
      }
    } else {
      throw invalid("provider.max_price." + field, "a number");
    }
    if (!Double.isFinite(price) || price < 0) {
      throw invalid("provider.max_price." + field, "a number >= 0");
    }
    return price;
  }

  private static boolean dataCollectionDenied(JsonNode value) {
    if (!isSet(value)) {
      return false;
    }
    if (value.isTextual() && (value.asText().equals("allow") || value.asText().equals("deny"))) {
      return value.asText().equals("deny");
    }
    throw new ApiErrorException(
        ApiError.badRequest(
            "invalid_value",
            "provider.data_collection",
            "Invalid 'provider.data_collection': expected \"allow\" or \"deny\"."));
  }

  private static List<String> optionalStrings(JsonNode provider, String field) {
    JsonNode value = provider.get(field);
    return isSet(value) ? strings(value, "provider." + field) : List.of();
  }

  private static List<String> strings(JsonNode value, String param) {
    if (!value.isArray()) {
      throw invalid(param, "an array of strings");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isTextual() || element.asText().isBlank()) {
        throw invalid(param, "an array of strings");
      }
      names.add(element.asText());
    }
    return names;
  }

  private static boolean optionalBoolean(JsonNode provider, String field, boolean fallback) {
    JsonNode value = provider.get(field);
    if (!isSet(value)) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw invalid("provider." + field, "a boolean");
    }
    return value.asBoolean();
  }

  private static boolean isSet(JsonNode value) {
    return value != null && !value.isNull() && !value.isMissingNode();
  }

  private static ApiErrorException invalid(String param, String expected) {
    return new ApiErrorException(
        ApiError.badRequest(
            "invalid_type", param, "Invalid type for '" + param + "': expected " + expected + "."));
  }
}
