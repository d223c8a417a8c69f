package dev.switchboard.gateway.provider.openaicompat;

import static dev.switchboard.gateway.provider.openaicompat.WireJson.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Separates the answer text from the reasoning text of one {@code delta} or {@code message}
 * (wire-formats §0 rule 6).
 */
final class MessageText {

  private MessageText() {}

  /**
   * Returns the visible answer: {@code content} as a string or its {@code text} parts, plus a
   * {@code refusal}, which the user sees in place of content.
   */
  static String answer(JsonNode message) {
    StringBuilder answer = new StringBuilder();
    JsonNode content = message.get("content");
    if (content != null && content.isTextual()) {
      answer.append(content.textValue());
    } else if (content != null && content.isArray()) {
      for (JsonNode part : content) {
        if ("text".equals(text(part, "type")) && text(part, "text") != null) {
          answer.append(text(part, "text"));
        }
      }
    }
    String refusal = text(message, "refusal");
    if (refusal != null) {
      answer.append(refusal);
    }
    return answer.toString();
  }

  /**
   * Returns the reasoning: {@code reasoning_content}, else {@code reasoning} (servers that send
   * both send the same text twice), plus Mistral {@code thinking} content parts.
   */
  static String reasoning(JsonNode message) {
    StringBuilder reasoning = new StringBuilder();
    String field = text(message, "reasoning_content");
    if (field == null || field.isEmpty()) {
      field = text(message, "reasoning");
    }
    if (field != null) {
      reasoning.append(field);
    }
    JsonNode content = message.get("content");
    if (content != null && content.isArray()) {
      for (JsonNode part : content) {
        if ("thinking".equals(text(part, "type"))) {
          appendThinking(reasoning, part.get("thinking"));
        }
      }
    }
    return reasoning.toString();
  }

  private static void appendThinking(StringBuilder reasoning, JsonNode thinking) {
    if (thinking == null) {
      return;
    }
    if (thinking.isTextual()) {
      reasoning.append(thinking.textValue());
      return;
    }
    for (JsonNode part : thinking) {
      String value = text(part, "text");
      if (value != null) {
        reasoning.append(value);
      }
    }
  }
}
