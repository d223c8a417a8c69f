package dev.switchboard.gateway.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Renames Converse answers into Messages answers, so that the Messages translation maps and
 * measures them: a whole {@code output.message}, and the {@code usage} of an answer or of a
 * stream's {@code metadata} event
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html).
 */
final class ConverseShapes {

  private ConverseShapes() {}

  /** Returns the Messages {@code message} for a Converse response, served by {@code model}. */
  static ObjectNode message(JsonNode converse, String model) {
    ObjectNode message = JsonCodec.object();
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model);
    ArrayNode content = message.putArray("content");
    for (JsonNode block : converse.path("output").path("message").path("content")) {
      ObjectNode converted = block(block);
      if (converted != null) {
        content.add(converted);
      }
    }
    message.put("stop_reason", converse.path("stopReason").asText(null));
    JsonNode usage = converse.get("usage");
    if (usage != null && usage.isObject()) {
      message.set("usage", usage(usage));
    }
    return message;
  }

  /**
   * Returns Converse's {@code TokenUsage} with Messages' names. As in Messages, {@code
   * inputTokens} counts only uncached input: {@code totalTokens} = input + output + cache read +
   * cache write (the Bedrock prompt-caching guide's example: 4 + 227 + 0 + 1108 = 1339).
   */
  static ObjectNode usage(JsonNode usage) {
    ObjectNode out = JsonCodec.object();
    copy(usage, "inputTokens", out, "input_tokens");
    copy(usage, "outputTokens", out, "output_tokens");
    copy(usage, "cacheReadInputTokens", out, "cache_read_input_tokens");
    copy(usage, "cacheWriteInputTokens", out, "cache_creation_input_tokens");
    return out;
  }

  private static ObjectNode block(JsonNode block) {
    ObjectNode out = JsonCodec.object();
    if (block.has("text")) {
      out.put("type", "text").put("text", block.get("text").asText());
    } else if (block.has("toolUse")) {
      JsonNode use = block.get("toolUse");
      out.put("type", "tool_use")
          .put("id", use.path("toolUseId").asText())
          .put("name", use.path("name").asText())
          .set("input", use.has("input") ? use.get("input") : JsonCodec.object());
    } else if (block.path("reasoningContent").has("reasoningText")) {
      JsonNode text = block.get("reasoningContent").get("reasoningText");
      out.put("type", "thinking").put("thinking", text.path("text").asText());
      if (text.hasNonNull("signature")) {
        out.put("signature", text.get("signature").asText());
      }
    } else if (block.path("reasoningContent").has("redactedContent")) {
      out.put("type", "redacted_thinking")
          .put("data", block.get("reasoningContent").get("redactedContent").asText());
    } else {
      return null; // citations, guardrail assessments...: nothing the client reads as an answer
    }
    return out;
  }

  private static void copy(JsonNode from, String field, ObjectNode to, String as) {
    JsonNode value = from.get(field);
    if (value != null && value.isNumber()) {
      to.set(as, value);
    }
  }
}
