package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps OpenAI {@code messages} to Anthropic's top-level {@code system} and alternating {@code
 * user}/{@code assistant} turns: system and developer messages are hoisted into {@code system};
 * assistant {@code tool_calls} become {@code tool_use} blocks after the thinking blocks carried
 * back in {@code reasoning_details}; {@code tool} messages become {@code tool_result} blocks of a
 * user turn; consecutive messages of one role are merged into one turn, as Anthropic requires.
 */
final class MessageMapper {

  /**
   * Holds the mapped conversation.
   *
   * @param system a string, an array of text blocks (when some part carries {@code cache_control}),
   *     or null when there is no system text
   */
  record Result(JsonNode system, ArrayNode messages) {}

  private final List<ObjectNode> system = new ArrayList<>();
  private final ArrayNode turns = JsonCodec.mapper().createArrayNode();
  private String lastRole;

  private MessageMapper() {}

  /**
   * Maps {@code messages}.
   *
   * @throws ApiErrorException (400) for a role, content or tool call Anthropic cannot take
   */
  static Result map(JsonNode messages) {
    MessageMapper mapper = new MessageMapper();
    for (int i = 0; i < messages.size(); i++) {
      mapper.add(messages.get(i), "messages[" + i + "]");
    }
    return new Result(mapper.systemValue(), mapper.turns);
  }

  private void add(JsonNode message, String param) {
    String role = message.path("role").asText();
    switch (role) {
      case "system", "developer" ->
          // only text can go into Anthropic's system prompt
          ContentPartMapper.blocks(message.get("content"), param + ".content").stream()
              .filter(block -> "text".equals(block.path("type").asText()))
              .forEach(system::add);
      case "user" ->
          append("user", ContentPartMapper.blocks(message.get("content"), param + ".content"));
      case "assistant" -> append("assistant", assistant(message, param));
      case "tool" -> append("user", List.of(toolResult(message, param)));
      default ->
          throw invalid(
              param + ".role",
              "Invalid value for '"
                  + param
                  + ".role': '"
                  + role
                  + "'. Supported values are: 'system', 'developer', 'user', 'assistant' and"
                  + " 'tool'.");
    }
  }

  private void append(String role, List<ObjectNode> blocks) {
    if (blocks.isEmpty()) {
      return; // an empty turn is refused by Anthropic and says nothing
    }
    if (role.equals(lastRole)) {
      ((ArrayNode) turns.get(turns.size() - 1).get("content")).addAll(blocks);
      return;
    }
    ObjectNode turn = turns.addObject();
    turn.put("role", role);
    turn.putArray("content").addAll(blocks);
    lastRole = role;
  }

  private static List<ObjectNode> assistant(JsonNode message, String param) {
    List<ObjectNode> blocks =
        new ArrayList<>(ThinkingBlocks.from(message.get("reasoning_details")));
    blocks.addAll(ContentPartMapper.blocks(message.get("content"), param + ".content"));
    JsonNode toolCalls = message.path("tool_calls");
    for (int i = 0; i < toolCalls.size(); i++) {
      blocks.add(toolUse(toolCalls.get(i), param + ".tool_calls[" + i + "]"));
    }
    return blocks;
  }

  private static ObjectNode toolUse(JsonNode call, String param) {
    JsonNode function = call.path("function");
    if (!call.path("id").isTextual() || !function.path("name").isTextual()) {
      throw invalid(param, "Invalid '" + param + "': expected an 'id' and a 'function.name'.");
    }
    ObjectNode block = JsonCodec.object();
    block.put("type", "tool_use");
    block.put("id", ToolIds.sanitize(call.get("id").asText()));
    block.put("name", function.get("name").asText());
    block.set("input", arguments(function.get("arguments"), param + ".function.arguments"));
    return block;
  }

  /** Parses the JSON-string arguments into the object Anthropic wants; "" means no arguments. */
  private static JsonNode arguments(JsonNode arguments, String param) {
    if (arguments == null || arguments.isNull()) {
      return JsonCodec.object();
    }
    if (arguments.isObject()) {
      return arguments; // lenient clients send the object itself
    }
    String text = arguments.asText("").strip();
    if (text.isEmpty()) {
      return JsonCodec.object();
    }
    try {
      JsonNode parsed = JsonCodec.mapper().readTree(text);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw invalid(param, "Invalid '" + param + "': expected a JSON object encoded as a string.");
  }

  private static ObjectNode toolResult(JsonNode message, String param) {
    if (!message.path("tool_call_id").isTextual()) {
      throw new ApiErrorException(
          ApiError.badRequest(
              "missing_required_parameter",
              param + ".tool_call_id",
              "Missing required parameter: '" + param + ".tool_call_id'."));
    }
    ObjectNode block = JsonCodec.object();
    block.put("type", "tool_result");
    block.put("tool_use_id", ToolIds.sanitize(message.get("tool_call_id").asText()));
    JsonNode content = message.get("content");
    if (content != null && content.isTextual()) {
      if (!content.asText().isEmpty()) {
        block.put("content", content.asText());
      }
    } else {
      List<ObjectNode> parts = ContentPartMapper.blocks(content, param + ".content");
      if (!parts.isEmpty()) {
        block.putArray("content").addAll(parts);
      }
    }
    return block;
  }

  private JsonNode systemValue() {
    if (system.isEmpty()) {
      return null;
    }
    if (system.stream().anyMatch(block -> block.has("cache_control"))) {
      ArrayNode blocks = JsonCodec.mapper().createArrayNode();
      system.forEach(blocks::add);
      return blocks;
    }
    StringBuilder text = new StringBuilder();
    for (ObjectNode block : system) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      text.append(block.path("text").asText());
    }
    return JsonCodec.mapper().getNodeFactory().textNode(text.toString());
  }

  private static ApiErrorException invalid(String param, String message) {
    return new ApiErrorException(ApiError.badRequest("invalid_value", param, message));
  }
}
