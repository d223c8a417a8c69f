package dev.switchboard.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.CountryContinents;
import dev.switchboard.gateway.auth.KeyEdit;
import dev.switchboard.gateway.limits.SpendTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the admin API's key bodies into validated changes and writes keys as JSON. A field set to
 * {@code null} clears it (no limit, no budget, no expiry); an absent field is left alone.
 */
final class KeyJson {
  private static final Set<String> FIELDS =
      Set.of(
          "name", "owner", "country", "models", "rpm", "tpm", "budget_usd_day",
          "budget_usd_month", "expires_at", "enabled", "store_bodies");
  private static final int MAX_TEXT = 200;
  private static final long MAX_RPM = 100_000_000L;

  private KeyJson() {}

  /**
   * Validates {@code body} and returns the changes it asks for.
   *
   * @param creating whether {@code name} is required
   * @throws ApiErrorException (400) naming the first bad field
   */
  static Consumer<KeyEdit> parse(JsonNode body, boolean creating) {
    if (!(body instanceof ObjectNode object)) {
      throw invalid(null, "The request body must be a JSON object.");
    }
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new ApiErrorException(
            ApiError.badRequest("unknown_parameter", field, "Unrecognized request argument supplied: " + field));
      }
    }
    if (creating && !object.hasNonNull("name")) {
      throw invalid("name", "'name' is required.");
    }
    List<Consumer<KeyEdit>> edits = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
      edits.add(edit(field.getKey(), field.getValue()));
    }
    return key -> edits.forEach(e -> e.accept(key));
  }

  private static Consumer<KeyEdit> edit(String field, JsonNode v) {
    return switch (field) {
      case "name" -> {
        String name = text(field, v, false);
        yield key -> key.name(name);
      }
      case "owner" -> {
        String owner = text(field, v, true);
        yield key -> key.owner(owner);
      }
      case "country" -> {
        String country = country(v);
        yield key -> key.country(country);
      }
      case "models" -> {
        List<String> models = patterns(v);
        yield key -> key.models(models);
      }
      case "rpm" -> {
        Long rpm = positive(field, v, MAX_RPM);
        yield key -> key.rpm(rpm == null ? null : rpm.intValue());
      }
      case "tpm" -> {
        Long tpm = positive(field, v, Long.MAX_VALUE);
        yield key -> key.tpm(tpm);
      }
      case "budget_usd_day" -> {
        Double usd = dollars(field, v);
        yield key -> key.budgetUsdDay(usd);
      }
      case "budget_usd_month" -> {
        Double usd = dollars(field, v);
        yield key -> key.budgetUsdMonth(usd);
      }
      case "expires_at" -> {
        Instant at = instant(v);
        yield key -> key.expiresAt(at);
      }
      case "enabled" -> {
        boolean enabled = bool(field, v);
        yield key -> key.enabled(enabled);
      }
      case "store_bodies" -> {
        boolean store = bool(field, v);
        yield key -> key.storeBodies(store);
      }
      default -> throw new IllegalStateException("unchecked field " + field);
    };
  }

  /** Renders a key for the admin API; its secret is not part of it (it is never stored). */
  static ObjectNode render(ApiKey key, SpendTotals spend) {
    ObjectNode o = JsonCodec.object();
    o.put("id", key.id());
    o.put("object", "api_key");
    o.put("name", key.name());
    o.put("owner", key.owner());
    o.put("country", key.country());
    o.put("continent", key.continent());
    ArrayNode models = o.putArray("models");
    key.models().patterns().forEach(models::add);
    o.put("rpm", key.rpm());
    o.put("tpm", key.tpm());
    o.put("budget_usd_day", key.budgetUsdDay());
    o.put("budget_usd_month", key.budgetUsdMonth());
    o.put("expires_at", key.expiresAt() == null ? null : key.expiresAt().toString());
    o.put("enabled", key.enabled());
    o.put("store_bodies", key.storeBodies());
    o.put("created_at", key.createdAt() == null ? null : key.createdAt().toString());
    o.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
    o.put("source", key.source().name().toLowerCase(Locale.ROOT));
    o.put("key_hint", key.hint());
    ObjectNode spent = o.putObject("spend");
    spent.put("day_usd", spend.dayUsd());
    spent.put("month_usd", spend.monthUsd());
    return o;
  }

  private static String text(String field, JsonNode v, boolean nullable) {
    if (v.isNull() && nullable) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_TEXT) {
      throw invalid(field, "'" + field + "' must be a non-blank string of at most " + MAX_TEXT + " characters.");
    }
    return v.asText().trim();
  }

  private static String country(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    String code = v.isTextual() ? v.asText().trim().toUpperCase(Locale.ROOT) : "";
    if (!CountryContinents.isCountry(code)) {
      throw invalid("country", "'country' must be an ISO 3166-1 alpha-2 code such as \"US\" or \"DE\".");
    }
    return code;
  }

  private static List<String> patterns(JsonNode v) {
    if (v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw invalid("models", "'models' must be a list of model patterns such as \"openai/*\".");
    }
    List<String> patterns = new ArrayList<>();
    for (JsonNode p : v) {
      if (!p.isTextual() || p.asText().isBlank() || p.asText().chars().anyMatch(Character::isWhitespace)
          || p.asText().length() > MAX_TEXT) {
        throw invalid("models", "Each model pattern must be a non-blank string without spaces.");
      }
      patterns.add(p.asText());
    }
    return patterns;
  }

  private static Long positive(String field, JsonNode v, long max) {
    if (v.isNull()) {
      return null;
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 1 || v.asLong() > max) {
      throw invalid(field, "'" + field + "' must be an integer from 1 to " + max + ", or null for no limit.");
    }
    return v.asLong();
  }

  private static Double dollars(String field, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
      throw invalid(field, "'" + field + "' must be a number of USD >= 0, or null for no budget.");
    }
    return v.asDouble();
  }

  private static Instant instant(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    String text = v.asText("");
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid("expires_at", "'expires_at' must be an ISO instant (2026-12-31T23:59:59Z) or date.");
    }
  }

  private static boolean bool(String field, JsonNode v) {
    if (!v.isBoolean()) {
      throw invalid(field, "'" + field + "' must be true or false.");
    }
    return v.booleanValue();
  }

  private static ApiErrorException invalid(String param, String message) {
    return new ApiErrorException(ApiError.badRequest("invalid_value", param, message));
  }
}
