package dev.switchboard.gateway.provider.gemini;

import static dev.switchboard.gateway.provider.gemini.GeminiJson.object;
import static dev.switchboard.gateway.provider.gemini.GeminiJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.gemini.GeminiRequest.FunctionCallingConfig;
import dev.switchboard.gateway.provider.gemini.GeminiRequest.FunctionDeclaration;
import dev.switchboard.gateway.provider.gemini.GeminiRequest.Tool;
import dev.switchboard.gateway.provider.gemini.GeminiRequest.ToolConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns OpenAI {@code tools} into one Gemini tool holding every function declaration, and {@code
 * tool_choice} into a function-calling mode: auto → AUTO, none → NONE, required → ANY, a named
 * function → ANY restricted to that name.
 */
final class ToolMapper {

  private ToolMapper() {}

  /** Returns the Gemini tools for {@code body}, or null when it offers none. */
  static List<Tool> tools(JsonNode body) {
    JsonNode tools = body.get("tools");
    if (tools == null || !tools.isArray() || tools.isEmpty()) {
      return null;
    }
    List<FunctionDeclaration> declarations = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String param = "tools[" + i + "]";
      String type = text(tool, "type");
      JsonNode function = object(tool, "function");
      if (type != null && !type.equals("function") || function == null) {
        throw new UntranslatableRequestException(
            param + ".type",
            "Only function tools can be sent to Gemini; '" + param + "' is of type '" + type + "'.");
      }
      String name = text(function, "name");
      if (name == null || name.isEmpty()) {
        String nameParam = param + ".function.name";
        throw new UntranslatableRequestException(nameParam, "Missing '" + nameParam + "'.");
      }
      declarations.add(
          new FunctionDeclaration(
              name, text(function, "description"), JsonSchemaCleaner.clean(function.get("parameters"))));
    }
    return List.of(new Tool(declarations));
  }

  /** Returns the function-calling config for {@code tool_choice}, or null to leave Gemini's default. */
  static ToolConfig toolConfig(JsonNode body) {
    JsonNode choice = body.get("tool_choice");
    if (choice == null || choice.isNull() || !body.path("tools").isArray()) {
      return null;
    }
    if (choice.isTextual()) {
      String mode =
          switch (choice.textValue()) {
            case "auto" -> "AUTO";
            case "none" -> "NONE";
            case "required" -> "ANY";
            default -> throw invalidChoice();
          };
      return new ToolConfig(new FunctionCallingConfig(mode, null));
    }
    String name = text(object(choice, "function"), "name");
    if (!"function".equals(text(choice, "type")) || name == null) {
      throw invalidChoice();
    }
    return new ToolConfig(new FunctionCallingConfig("ANY", List.of(name)));
  }

  private static UntranslatableRequestException invalidChoice() {
    return new UntranslatableRequestException(
        "tool_choice",
        "Invalid 'tool_choice': Gemini supports 'auto', 'none', 'required' and"
            + " {\"type\": \"function\", \"function\": {\"name\": ...}}.");
  }
}
