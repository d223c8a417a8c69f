package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.WireNumbers;

/** Reads loosely-typed values out of Anthropic JSON without trusting its shape. */
final class AnthropicJson {

  private AnthropicJson() {}

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

  /** Returns the field as a whole number when it is a JSON number, else null. */
  static Long count(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return WireNumbers.saturatedLong(value);
  }

  /** Returns the field when it is a JSON object, else null. */
  static JsonNode object(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isObject() ? value : null;
  }

  /** Returns the number of Unicode code points in {@code s} (0 for null). */
  static long codePoints(String s) {
    return s == null ? 0 : s.codePointCount(0, s.length());
  }
}
