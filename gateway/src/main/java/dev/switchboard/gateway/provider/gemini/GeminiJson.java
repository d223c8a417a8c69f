package dev.switchboard.gateway.provider.gemini;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and writes Gemini wire records with one shared, thread-safe mapper. */
final class GeminiJson {

  /**
   * Skips unknown fields (Gemini adds fields often: {@code avgLogprobs}, {@code groundingMetadata},
   * new part kinds) and leaves null fields out of requests.
   */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private GeminiJson() {}

  /** Returns the field's text when it is a JSON string, else null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
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
