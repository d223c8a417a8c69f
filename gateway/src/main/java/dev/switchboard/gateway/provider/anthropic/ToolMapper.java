package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Maps OpenAI {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} to Anthropic's
 * {@code tools} and {@code tool_choice} (wire-formats §8).
 */
final class ToolMapper {

  private ToolMapper() {}

  /** Adds {@code tools} and {@code tool_choice} to {@code target} when the request offers tools. */
  static void apply(JsonNode request, ObjectNode target) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return; // Anthropic refuses a tool_choice without tools; without tools it is moot
    }
    ArrayNode mapped = target.putArray("tools");
    for (int i = 0; i < tools.size(); i++) {
      mapped.add(tool(tools.get(i), "tools[" + i + "]"));
    }
    ObjectNode choice = toolChoice(request.get("tool_choice"));
    if (request.path("parallel_tool_calls").isBoolean()
        && !request.get("parallel_tool_calls").asBoolean()) {
      if (choice == null) {
        choice = JsonCodec.object().put("type", "auto");
      }
      if (!"none".equals(choice.path("type").asText())) {
        choice.put("disable_parallel_tool_use", true);
      }
    }
    if (choice != null) {
      target.set("tool_choice", choice);
    }
  }

  private static ObjectNode tool(JsonNode tool, String param) {
    if (!tool.isObject()) {
      throw invalid(param, "Invalid '" + param + "': expected an object.");
    }
    String type = tool.path("type").asText("");
    if (!"function".equals(type)) {
      if (tool.path("name").isTextual() && !type.isEmpty()) {
        // an Anthropic server tool written natively, e.g. {"type":"web_search_20250305",...}
        return (ObjectNode) tool;
      }
      throw invalid(param, "Invalid '" + param + "': only tools of type 'function' are supported.");
    }
    JsonNode function = tool.path("function");
    if (!function.path("name").isTextual() || function.path("name").asText().isEmpty()) {
      throw invalid(
          param + ".function.name", "Missing required parameter: '" + param + ".function.name'.");
    }
    ObjectNode mapped = JsonCodec.object();
    mapped.put("name", function.get("name").asText());
    if (function.path("description").isTextual()) {
      mapped.put("description", function.get("description").asText());
    }
    JsonNode parameters = function.get("parameters");
    if (parameters != null && parameters.isObject()) {
      mapped.set("input_schema", parameters);
    } else {
      // OpenAI allows omitting parameters; Anthropic requires an object schema
      mapped.putObject("input_schema").put("type", "object").putObject("properties");
    }
    if (tool.path("cache_control").isObject()) {
      mapped.set("cache_control", tool.get("cache_control"));
    }
    return mapped;
  }

  private static ObjectNode toolChoice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    if (choice.isTextual()) {
      return switch (choice.asText()) {
        case "auto" -> JsonCodec.object().put("type", "auto");
        case "none" -> JsonCodec.object().put("type", "none");
        case "required" -> JsonCodec.object().put("type", "any");
        default ->
            throw invalid(
                "tool_choice",
                "Invalid value for 'tool_choice': '"
                    + choice.asText()
                    + "'. Supported values are: 'none', 'auto' and 'required'.");
      };
    }
    JsonNode name = choice.path("function").path("name");
    if (choice.isObject() && name.isTextual()) {
      return JsonCodec.object().put("type", "tool").put("name", name.asText());
    }
    throw invalid(
        "tool_choice",
        "Invalid 'tool_choice': expected 'none', 'auto', 'required' or"
            + " {\"type\": \"function\", \"function\": {\"name\": ...}}.");
  }

  private static ApiErrorException invalid(String param, String message) {
    return new ApiErrorException(ApiError.badRequest("invalid_value", param, message));
  }
}
