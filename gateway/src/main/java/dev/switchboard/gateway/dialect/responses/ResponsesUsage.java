package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.openaicompat.OpenAiUsageParser;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Restates the pipeline's chat usage in the Responses API's terms, read the way the usage record
 * reads it: {@code input_tokens} counts cached input too, {@code output_tokens} counts reasoning too
 * (hidden reasoning some providers leave out of {@code completion_tokens} included).
 */
final class ResponsesUsage {

  private ResponsesUsage() {}

  /** Returns the Responses {@code usage} object for a chat {@code usage}; zeros when missing. */
  static ObjectNode of(JsonNode chatUsage) {
    TokenUsage usage = OpenAiUsageParser.parse(chatUsage);
    if (usage == null) {
      usage = TokenUsage.unknown();
    }
    long input = orZero(usage.promptTokens());
    long output = orZero(usage.completionTokens());
    ObjectNode out = JsonCodec.object();
    out.put("input_tokens", input);
    out.putObject("input_tokens_details")
        .put("cached_tokens", orZero(usage.cachedReadTokens()))
        .put("cache_write_tokens", orZero(usage.cacheWriteTokens()));
    out.put("output_tokens", output);
    out.putObject("output_tokens_details").put("reasoning_tokens", orZero(usage.reasoningTokens()));
    out.put("total_tokens", input + output);
    JsonNode cost = chatUsage == null ? null : chatUsage.get("cost");
    if (cost != null && cost.isNumber()) {
      out.set("cost", cost); // Switchboard's extension, as on chat answers
    }
    return out;
  }

  private static long orZero(Long count) {
    return count == null ? 0 : count;
  }
}
