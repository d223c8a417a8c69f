package dev.switchboard.gateway.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.ChatRequest;

/**
 * Estimates the tokens a request will use before it is sent, for tokens-per-minute limits and
 * context windows: about four characters per token of message text plus a few per message
 * (OpenAI's rule of thumb). Only reads lengths of the already parsed body, so it is cheap enough
 * for the event loop.
 */
public final class PromptEstimate {
  private static final int CHARS_PER_TOKEN = 4;
  private static final int TOKENS_PER_MESSAGE = 4;

  private PromptEstimate() {}

  /**
   * Returns the prompt's messages plus the completion tokens the client capped with {@code
   * max_completion_tokens}/{@code max_tokens}, for rate limits.
   */
  public static long tokens(ChatRequest request) {
    long chars = 0;
    long messages = 0;
    for (JsonNode message : request.body().path("messages")) {
      messages++;
      chars += messageChars(message);
    }
    return ceilTokens(chars) + messages * TOKENS_PER_MESSAGE + completionCap(request.body());
  }

  /** Returns the prompt as a context window sees it: every message plus the tool definitions. */
  public static long contextTokens(ChatRequest request) {
    long prompt = 0;
    for (JsonNode message : request.body().path("messages")) {
      prompt += messageTokens(message);
    }
    return prompt + toolTokens(request.body().path("tools"));
  }

  /** Returns one message's text and tool-call arguments, in tokens, plus its overhead. */
  public static long messageTokens(JsonNode message) {
    return ceilTokens(messageChars(message)) + TOKENS_PER_MESSAGE;
  }

  private static long messageChars(JsonNode message) {
    long chars = textLength(message.path("content"));
    for (JsonNode call : message.path("tool_calls")) {
      chars += call.path("function").path("arguments").asText("").length();
    }
    return chars;
  }

  /** Returns the tool definitions' JSON, in tokens (their schemas are sent to the model). */
  public static long toolTokens(JsonNode tools) {
    return tools.isArray() && !tools.isEmpty() ? ceilTokens(tools.toString().length()) : 0;
  }

  private static long ceilTokens(long chars) {
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
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
