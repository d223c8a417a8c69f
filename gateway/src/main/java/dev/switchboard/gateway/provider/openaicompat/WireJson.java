package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.provider.WireNumbers;

/** Reads loosely-typed values out of upstream JSON without trusting its shape. */
final class WireJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private WireJson() {}

  /** Returns the field's text when it is a JSON string, else null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** Returns the field's text when it is a non-empty JSON string, else null. */
  static String nonEmptyText(JsonNode node, String field) {
    String value = text(node, field);
    return value == null || value.isEmpty() ? null : value;
  }

  /** Returns the field as a whole number (JSON number or numeric string), else null. */
  static Long count(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return WireNumbers.saturatedLong(value);
    }
    if (value.isTextual()) {
      try {
        return Long.parseLong(value.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Returns the field when it is a JSON object, else null. */
  static JsonNode object(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isObject() ? value : null;
  }

  /** Returns the number of Unicode code points in {@code s}. */
  static long codePoints(String s) {
    return s.codePointCount(0, s.length());
  }
}
