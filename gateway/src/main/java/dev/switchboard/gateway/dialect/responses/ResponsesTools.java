package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Maps Responses tools, {@code tool_choice} and {@code parallel_tool_calls} to chat's. Function
 * tools become chat function tools, and freeform {@code custom} tools (Codex's {@code apply_patch})
 * functions with one string argument {@code input}, which the answer turns back into custom tool
 * calls. OpenAI's hosted tools ({@code web_search}, {@code file_search}, {@code local_shell}, {@code
 * code_interpreter}, {@code image_generation}, {@code mcp}, {@code computer_use}...) run inside
 * OpenAI and have no chat form: they are left out, never refused, so an agent that offers them
 * still gets its answer. The functions of a {@code namespace} tool are offered with flattened names
 * ({@link ToolNames}).
 */
final class ResponsesTools {

  private ResponsesTools() {}

  /** Puts the chat {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} on {@code chat}. */
  static void decode(JsonNode request, ObjectNode chat) {
    JsonNode tools = request.get("tools");
    if (ResponsesRequestDecoder.present(tools) && !tools.isArray()) {
      throw ResponsesRequestDecoder.invalidType("tools", "an array");
    }
    ArrayNode functions = JsonCodec.mapper().createArrayNode();
    if (tools != null) {
      for (int i = 0; i < tools.size(); i++) {
        JsonNode tool = tools.get(i);
        if ("namespace".equals(tool.path("type").asText())) {
          String namespace = tool.path("name").asText("");
          JsonNode members = tool.path("tools");
          for (int j = 0; j < members.size(); j++) {
            add(functions, function(members.get(j), "tools[" + i + "].tools[" + j + "]"), namespace);
          }
        } else {
          add(functions, function(tool, "tools[" + i + "]"), null);
        }
      }
    }
    if (functions.isEmpty()) {
      return; // chat upstreams refuse tool_choice and parallel_tool_calls without tools
    }
    chat.set("tools", functions);
    JsonNode choice = request.get("tool_choice");
    if (choice != null && choice.isTextual()) {
      switch (choice.asText()) {
        case "auto", "none", "required" -> chat.put("tool_choice", choice.asText());
        default ->
            throw ResponsesRequestDecoder.invalidValue(
                "tool_choice", "Invalid 'tool_choice': expected 'auto', 'none' or 'required'.");
      }
    } else if (choice != null && choice.isObject()) {
      String type = choice.path("type").asText("");
      if ((type.equals("function") || type.equals("custom")) && choice.path("name").isTextual()) {
        chat.putObject("tool_choice")
            .put("type", "function")
            .putObject("function")
            .put("name", choice.get("name").asText());
      } else if (type.equals("allowed_tools")) {
        chat.put("tool_choice", choice.path("mode").asText("auto").equals("required") ? "required" : "auto");
      }
      // forcing a hosted tool: it was left out, so the model chooses among the others
    }
    JsonNode parallel = request.get("parallel_tool_calls");
    if (parallel != null && parallel.isBoolean()) {
      chat.put("parallel_tool_calls", parallel.asBoolean());
    }
  }

  private static void add(ArrayNode functions, ObjectNode function, String namespace) {
    if (function == null) {
      return;
    }
    ObjectNode named = (ObjectNode) function.get("function");
    named.put("name", ToolNames.flatten(namespace, named.get("name").asText()));
    functions.add(function);
  }

  private static ObjectNode function(JsonNode tool, String param) {
    if (!tool.isObject()) {
      throw ResponsesRequestDecoder.invalidType(param, "an object");
    }
    String type = tool.path("type").asText("");
    if (!type.equals("function") && !type.equals("custom")) {
      return null;
    }
    JsonNode name = tool.get("name");
    if (name == null || !name.isTextual() || name.asText().isEmpty()) {
      throw ResponsesRequestDecoder.missing(param + ".name");
    }
    ObjectNode chat = JsonCodec.object().put("type", "function");
    ObjectNode function = chat.putObject("function").put("name", name.asText());
    if (tool.path("description").isTextual()) {
      function.put("description", tool.get("description").asText());
    }
    if (type.equals("custom")) {
      // a freeform tool's grammar cannot be expressed: the model writes the raw input as a string
      ObjectNode parameters = function.putObject("parameters").put("type", "object");
      parameters.putObject("properties").putObject("input").put("type", "string")
          .put("description", "The raw input of the tool.");
      parameters.putArray("required").add("input");
      parameters.put("additionalProperties", false);
      return chat;
    }
    function.set(
        "parameters",
        tool.path("parameters").isObject()
            ? tool.get("parameters")
            : JsonCodec.object().put("type", "object").set("properties", JsonCodec.object()));
    if (tool.path("strict").isBoolean()) {
      function.put("strict", tool.get("strict").asBoolean());
    }
    return chat;
  }
}
