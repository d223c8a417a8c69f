package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;

/** Extracts the visible output of a {@code chat.completion} for normalized token counting. */
final class CompletionText {

  private CompletionText() {}

  /** Concatenates answer text, reasoning text and tool-call names and arguments of all choices. */
  static String of(JsonNode completion) {
    StringBuilder text = new StringBuilder();
    for (JsonNode choice : completion.path("choices")) {
      JsonNode message = choice.path("message");
      appendText(text, message.path("reasoning_content"));
      appendText(text, message.path("reasoning"));
      JsonNode content = message.path("content");
      if (content.isArray()) {
        for (JsonNode part : content) {
          appendText(text, part.path("text"));
        }
      } else {
        appendText(text, content);
      }
      for (JsonNode call : message.path("tool_calls")) {
        appendText(text, call.path("function").path("name"));
        appendText(text, call.path("function").path("arguments"));
      }
    }
    return text.toString();
  }

  private static void appendText(StringBuilder text, JsonNode value) {
    if (value.isTextual() && !value.asText().isEmpty()) {
      text.append(value.asText());
    }
  }
}
