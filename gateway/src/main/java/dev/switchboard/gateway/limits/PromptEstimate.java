package dev.switchboard.gateway.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.ChatRequest;

/**
 * Estimates the tokens a request will use before it is sent, for tokens-per-minute limits: about
 * four characters per token of message text plus a few per message (OpenAI's rule of thumb), plus
 * the completion tokens the client capped with {@code max_completion_tokens}/{@code max_tokens}.
 * Only reads lengths of the already parsed body, so it is cheap enough for the event loop.
 */
final class PromptEstimate {
  private static final int CHARS_PER_TOKEN = 4;
  private static final int TOKENS_PER_MESSAGE = 4;

  private PromptEstimate() {}

  static long tokens(ChatRequest request) {
    long chars = 0;
    long messages = 0;
    for (JsonNode message : request.body().path("messages")) {
      messages++;
      chars += textLength(message.path("content"));
      for (JsonNode call : message.path("tool_calls")) {
        chars += call.path("function").path("arguments").asText("").length();
      }
    }
    long prompt = (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + messages * TOKENS_PER_MESSAGE;
    return prompt + completionCap(request.body());
  }

  private static long textLength(JsonNode content) {
    if (content.isTextual()) {
      return content.asText().length();
    }
    long length = 0;
    for (JsonNode part : content) {
      length += part.path("text").asText("").length();
    }
    return length;
  }

  private static long completionCap(JsonNode body) {
    JsonNode cap = body.path("max_completion_tokens");
    if (!cap.canConvertToLong()) {
      cap = body.path("max_tokens");
    }
    return cap.canConvertToLong() && cap.asLong() > 0 ? cap.asLong() : 0;
  }
}
