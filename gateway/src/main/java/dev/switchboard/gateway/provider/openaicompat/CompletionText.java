package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;

/** Extracts the visible output of a {@code chat.completion} for normalized token counting. */
final class CompletionText {

  private CompletionText() {}

  /** Concatenates reasoning text, answer text and tool-call names and arguments of all choices. */
  static String of(JsonNode completion) {
    StringBuilder text = new StringBuilder();
    for (JsonNode choice : completion.path("choices")) {
      JsonNode message = choice.path("message");
      text.append(MessageText.reasoning(message)).append(MessageText.answer(message));
      for (JsonNode call : message.path("tool_calls")) {
        text.append(call.path("function").path("name").asText(""));
        text.append(call.path("function").path("arguments").asText(""));
      }
    }
    return text.toString();
  }
}
