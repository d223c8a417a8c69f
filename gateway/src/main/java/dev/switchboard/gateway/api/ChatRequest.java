package dev.switchboard.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Holds a validated OpenAI chat completion request: the fields the gateway decides on, plus the
 * client's whole body, passed through untouched to OpenAI-shaped upstreams.
 *
 * @param includeUsage whether the client asked for the usage chunk ({@code stream_options})
 * @param toolsOffered whether the request defines at least one tool
 * @param user the end-user id the client sent, if any
 * @param body the client's JSON body; never mutated
 */
public record ChatRequest(
    String model,
    boolean stream,
    boolean includeUsage,
    boolean toolsOffered,
    String user,
    ObjectNode body) {

  /**
   * Concatenates the text the prompt carries (message contents, text parts, tool-call arguments),
   * for tokenizer-normalized counting. Walks the whole body: call it off the event loop.
   */
  public String promptText() {
    StringBuilder text = new StringBuilder();
    for (JsonNode message : body.path("messages")) {
      appendContent(text, message.path("content"));
      for (JsonNode call : message.path("tool_calls")) {
        appendLine(text, call.path("function").path("name").asText(""));
        appendLine(text, call.path("function").path("arguments").asText(""));
      }
    }
    return text.toString();
  }

  private static void appendContent(StringBuilder text, JsonNode content) {
    if (content.isTextual()) {
      appendLine(text, content.asText());
    } else if (content.isArray()) {
      for (JsonNode part : content) {
        if (part.path("text").isTextual()) {
          appendLine(text, part.path("text").asText());
        }
      }
    }
  }

  private static void appendLine(StringBuilder text, String value) {
    if (!value.isEmpty()) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(value);
    }
  }
}
