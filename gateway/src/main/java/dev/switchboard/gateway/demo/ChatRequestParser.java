package dev.switchboard.gateway.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.demo.DemoRequest.Message;
import dev.switchboard.gateway.demo.DemoRequest.Parameter;
import dev.switchboard.gateway.demo.DemoRequest.Tool;
import dev.switchboard.gateway.demo.DemoRequest.ToolChoice;
import java.util.ArrayList;
import java.util.List;

/** Parses a Chat Completions request body into a {@link DemoRequest}, refusing malformed ones. */
final class ChatRequestParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Parses {@code body}.
   *
   * @throws DemoApiException with status 400 when the body is not valid JSON or lacks a field
   */
  DemoRequest parse(String body) {
    JsonNode root = readObject(body);
    String model = root.path("model").isTextual() ? root.get("model").asText() : null;
    if (model == null || model.isEmpty()) {
      throw DemoApiException.invalid(
          "model", "missing_required_parameter", "Missing required parameter: 'model'.");
    }
    JsonNode options = root.path("stream_options");
    return new DemoRequest(
        model,
        messages(root.get("messages")),
        tools(root.path("tools")),
        toolChoice(root.path("tool_choice")),
        root.path("stream").asBoolean(false),
        options.path("include_usage").asBoolean(false),
        maxTokens(root),
        root.path("user").isTextual() ? root.get("user").asText() : null);
  }

  private static JsonNode readObject(String body) {
    JsonNode root = null;
    try {
      root = body == null ? null : MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      // fall through to the same error OpenAI gives for any unparseable body
    }
    if (root == null || !root.isObject()) {
      throw DemoApiException.invalid(
          null, null, "We could not parse the JSON body of your request. Expected a JSON object.");
    }
    return root;
  }

  private static List<Message> messages(JsonNode node) {
    if (node == null || node.isNull()) {
      throw DemoApiException.invalid(
          "messages", "missing_required_parameter", "Missing required parameter: 'messages'.");
    }
    if (!node.isArray()) {
      throw DemoApiException.invalid(
          "messages", "invalid_type", "Invalid type for 'messages': expected an array.");
    }
    if (node.isEmpty()) {
      throw DemoApiException.invalid(
          "messages", "empty_array", "Invalid 'messages': empty array. Expected at least 1.");
    }
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      if (!m.path("role").isTextual()) {
        throw DemoApiException.invalid(
            "messages[" + i + "].role",
            "missing_required_parameter",
            "Missing required parameter: 'messages[" + i + "].role'.");
      }
      messages.add(message(m));
    }
    return messages;
  }

  private static Message message(JsonNode m) {
    StringBuilder text = new StringBuilder();
    int otherParts = 0;
    JsonNode content = m.path("content");
    if (content.isTextual()) {
      text.append(content.asText());
    } else if (content.isArray()) {
      for (JsonNode part : content) {
        if ("text".equals(part.path("type").asText()) || part.path("text").isTextual()) {
          appendLine(text, part.path("text").asText());
        } else {
          otherParts++;
        }
      }
    }
    for (JsonNode call : m.path("tool_calls")) {
      appendLine(text, call.path("function").path("name").asText());
      appendLine(text, call.path("function").path("arguments").asText());
    }
    return new Message(m.get("role").asText(), text.toString(), otherParts);
  }

  private static void appendLine(StringBuilder text, String line) {
    if (line.isEmpty()) {
      return;
    }
    if (!text.isEmpty()) {
      text.append('\n');
    }
    text.append(line);
  }

  private static List<Tool> tools(JsonNode node) {
    List<Tool> tools = new ArrayList<>();
    for (JsonNode t : node) {
      JsonNode function = t.path("function");
      if (!function.path("name").isTextual()) {
        continue;
      }
      List<Parameter> parameters = new ArrayList<>();
      function
          .path("parameters")
          .path("properties")
          .properties()
          .forEach(e -> parameters.add(parameter(e.getKey(), e.getValue())));
      tools.add(new Tool(function.get("name").asText(), function.toString(), parameters));
    }
    return tools;
  }

  private static Parameter parameter(String name, JsonNode schema) {
    JsonNode type = schema.path("type");
    String typeName = type.asText("string");
    if (type.isArray()) {
      // JSON Schema allows ["string", "null"]; the first non-null type decides the value
      typeName = "string";
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          typeName = t.asText();
          break;
        }
      }
    }
    List<String> enumValues = new ArrayList<>();
    schema.path("enum").forEach(v -> enumValues.add(v.asText()));
    return new Parameter(name, typeName, enumValues);
  }

  private static ToolChoice toolChoice(JsonNode node) {
    if (node.isTextual()) {
      return switch (node.asText()) {
        case "none" -> new ToolChoice(ToolChoice.Mode.NONE, null);
        case "required" -> new ToolChoice(ToolChoice.Mode.REQUIRED, null);
        default -> ToolChoice.AUTO;
      };
    }
    JsonNode name = node.path("function").path("name");
    return name.isTextual()
        ? new ToolChoice(ToolChoice.Mode.NAMED, name.asText())
        : ToolChoice.AUTO;
  }

  private static Integer maxTokens(JsonNode root) {
    String field =
        root.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw DemoApiException.invalid(
          field,
          "integer_below_min_value",
          "Invalid '" + field + "': expected an integer of at least 1.");
    }
    return value.asInt();
  }
}
