package dev.switchboard.gateway.teams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Validates the admin API's team, tag and key-governance fields; every problem is a 400 naming the field. */
final class FieldValues {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
  private static final int MAX_TEXT = 200;
  private static final int MAX_ITEMS = 1_000;

  private FieldValues() {}

  /** Returns a team id: lowercase letters, digits, {@code _ . -}, 1 to 64 characters. */
  static String slug(String field, JsonNode v, boolean nullable) {
    if (v.isNull() && nullable) {
      return null;
    }
    if (!v.isTextual() || !SLUG.matcher(v.asText()).matches()) {
      throw invalid(field, "'" + field + "' must be 1 to 64 characters of a-z, 0-9, '_', '.' or '-',"
          + " starting with a letter or digit" + (nullable ? ", or null." : "."));
    }
    return v.asText();
  }

  static String text(String field, JsonNode v) {
    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_TEXT) {
      throw invalid(field, "'" + field + "' must be a non-blank string of at most " + MAX_TEXT + " characters.");
    }
    return v.asText().trim();
  }

  /** Returns a list of strings without whitespace (model patterns, members); null clears it. */
  static List<String> words(String field, JsonNode v) {
    if (v.isNull()) {
      return List.of();
    }
    if (!v.isArray() || v.size() > MAX_ITEMS) {
      throw invalid(field, "'" + field + "' must be a list of at most " + MAX_ITEMS + " strings.");
    }
    List<String> words = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > MAX_TEXT
          || item.asText().chars().anyMatch(Character::isWhitespace)) {
        throw invalid(field, "Each entry of '" + field + "' must be a non-blank string without spaces.");
      }
      words.add(item.asText());
    }
    return words;
  }

  static Long count(String field, JsonNode v, long max) {
    if (v.isNull()) {
      return null;
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 1 || v.asLong() > max) {
      throw invalid(field, "'" + field + "' must be an integer from 1 to " + max + ", or null for no limit.");
    }
    return v.asLong();
  }

  static Double usd(String field, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
      throw invalid(field, "'" + field + "' must be a number of USD >= 0, or null for no budget.");
    }
    return v.asDouble();
  }

  static boolean bool(String field, JsonNode v) {
    if (!v.isBoolean()) {
      throw invalid(field, "'" + field + "' must be true or false.");
    }
    return v.booleanValue();
  }

  static ApiErrorException invalid(String param, String message) {
    return new ApiErrorException(ApiError.badRequest("invalid_value", param, message));
  }

  static ApiErrorException unknown(String field) {
    return new ApiErrorException(
        ApiError.badRequest("unknown_parameter", field, "Unrecognized request argument supplied: " + field));
  }
}
