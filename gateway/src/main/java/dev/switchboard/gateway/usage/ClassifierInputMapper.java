package dev.switchboard.gateway.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.telemetry.classify.ClassifierInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps an OpenAI chat request body onto the classifier's plain input: system/developer messages
 * become the system prompt, user and assistant messages their turns (string content or text
 * parts), tool messages the tool results, and {@code tools[].function.name} the offered tools.
 * Walks the whole body: call it off the event loop.
 */
public final class ClassifierInputMapper {

  private ClassifierInputMapper() {}

  /** Returns the classifier input for {@code body} (a validated chat completion request). */
  public static ClassifierInput map(JsonNode body) {
    StringBuilder system = new StringBuilder();
    List<String> users = new ArrayList<>();
    List<String> assistants = new ArrayList<>();
    List<String> toolResults = new ArrayList<>();
    for (JsonNode message : body.path("messages")) {
      String text = text(message.path("content"));
      switch (message.path("role").asText("")) {
        case "system", "developer" -> {
          if (!text.isEmpty()) {
            system.append(system.length() == 0 ? "" : "\n").append(text);
          }
        }
        case "user" -> users.add(text);
        case "assistant" -> assistants.add(text);
        case "tool", "function" -> toolResults.add(text);
        default -> { }
      }
    }
    List<String> toolNames = new ArrayList<>();
    for (JsonNode tool : body.path("tools")) {
      String name = tool.path("function").path("name").asText("");
      if (!name.isEmpty()) {
        toolNames.add(name);
      }
    }
    for (JsonNode function : body.path("functions")) {
      String name = function.path("name").asText("");
      if (!name.isEmpty()) {
        toolNames.add(name);
      }
    }
    return new ClassifierInput(
        system.length() == 0 ? null : system.toString(), users, assistants, toolNames, toolResults);
  }

  /** Returns the text of a message's content: a string, or the text parts of an array. */
  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      JsonNode value = part.isTextual() ? part : part.path("text");
      if (value.isTextual() && !value.asText().isEmpty()) {
        text.append(text.length() == 0 ? "" : "\n").append(value.asText());
      }
    }
    return text.toString();
  }
}
