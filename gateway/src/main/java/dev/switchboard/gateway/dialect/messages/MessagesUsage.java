package dev.switchboard.gateway.dialect.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Restates the pipeline's chat usage ({@code prompt_tokens} counting every input token) in
 * Anthropic's terms, where {@code input_tokens} excludes cache reads and writes.
 */
final class MessagesUsage {

  private MessagesUsage() {}

  /** Returns Anthropic's usage object for a chat {@code usage}; zeros when it is missing. */
  static ObjectNode of(JsonNode usage) {
    long prompt = usage.path("prompt_tokens").asLong(0);
    long cacheRead = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
    long cacheWrite = usage.path("prompt_tokens_details").path("cache_write_tokens").asLong(0);
    ObjectNode out = JsonCodec.object();
    out.put("input_tokens", Math.max(0, prompt - cacheRead - cacheWrite));
    out.put("cache_creation_input_tokens", cacheWrite);
    out.put("cache_read_input_tokens", cacheRead);
    out.put("output_tokens", usage.path("completion_tokens").asLong(0));
    if (usage.path("cost").isNumber()) {
      out.set("cost", usage.get("cost")); // Switchboard's extension, as on chat answers
    }
    return out;
  }

  /** Maps a chat finish reason to Anthropic's {@code stop_reason}. */
  static String stopReason(String finishReason, String nativeReason) {
    if (nativeReason != null
        && switch (nativeReason) {
          case "end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal",
              "model_context_window_exceeded" -> true;
          default -> false;
        }) {
      return nativeReason;
    }
    if (finishReason == null) {
      return "end_turn";
    }
    return switch (finishReason) {
      case "length" -> "max_tokens";
      case "tool_calls", "function_call" -> "tool_use";
      case "content_filter" -> "refusal";
      default -> "end_turn";
    };
  }
}
