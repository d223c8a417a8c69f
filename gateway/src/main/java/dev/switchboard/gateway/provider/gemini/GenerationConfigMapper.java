package dev.switchboard.gateway.provider.gemini;

import static dev.switchboard.gateway.provider.gemini.GeminiJson.object;
import static dev.switchboard.gateway.provider.gemini.GeminiJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.gemini.GeminiRequest.GenerationConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns OpenAI sampling, length, stop, output-format and reasoning parameters into a Gemini {@code
 * generationConfig} (wire-formats §8).
 */
final class GenerationConfigMapper {

  private static final GenerationConfig EMPTY =
      new GenerationConfig(null, null, null, null, null, null, null, null, null, null, null, null);

  private GenerationConfigMapper() {}

  /** Returns the generation config for {@code body}, or null when it sets nothing. */
  static GenerationConfig map(JsonNode body) {
    Long maxTokens = whole(body, "max_completion_tokens");
    if (maxTokens == null) {
      maxTokens = whole(body, "max_tokens");
    }
    Long n = whole(body, "n");
    String mime = null;
    JsonNode schema = null;
    JsonNode format = body.get("response_format");
    if (format != null && !format.isNull()) {
      String type = text(format, "type");
      switch (type == null ? "" : type) {
        case "text" -> { }
        case "json_object" -> mime = "application/json";
        case "json_schema" -> {
          mime = "application/json";
          schema = object(object(format, "json_schema"), "schema");
        }
        default -> throw new UntranslatableRequestException(
            "response_format.type",
            "Invalid 'response_format.type': expected 'text', 'json_object' or 'json_schema'.");
      }
    }
    GenerationConfig config =
        new GenerationConfig(
            maxTokens,
            stopSequences(body.get("stop")),
            number(body, "temperature"),
            number(body, "top_p"),
            toInt(whole(body, "top_k")), // not OpenAI, but OpenRouter and vLLM clients send it
            whole(body, "seed"),
            toInt(n),
            number(body, "presence_penalty"),
            number(body, "frequency_penalty"),
            mime,
            schema,
            ThinkingMapper.map(body));
    return config.equals(EMPTY) ? null : config;
  }

  private static Integer toInt(Long value) {
    return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  private static List<String> stopSequences(JsonNode stop) {
    if (stop == null || stop.isNull()) {
      return null;
    }
    if (stop.isTextual()) {
      return List.of(stop.textValue());
    }
    if (!stop.isArray()) {
      throw invalidType("stop", "a string or an array of strings");
    }
    List<String> sequences = new ArrayList<>();
    for (JsonNode s : stop) {
      if (!s.isTextual()) {
        throw invalidType("stop", "a string or an array of strings");
      }
      sequences.add(s.textValue());
    }
    return sequences.isEmpty() ? null : sequences;
  }

  private static Double number(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw invalidType(field, "a number");
    }
    return value.doubleValue();
  }

  private static Long whole(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    boolean whole = value.isIntegralNumber()
        || value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue());
    if (!whole) {
      throw invalidType(field, "an integer");
    }
    return value.longValue();
  }

  private static UntranslatableRequestException invalidType(String field, String expected) {
    return new UntranslatableRequestException(
        field, "Invalid type for '" + field + "': expected " + expected + ".");
  }
}
