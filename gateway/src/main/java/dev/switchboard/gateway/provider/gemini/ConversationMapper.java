package dev.switchboard.gateway.provider.gemini;

import static dev.switchboard.gateway.provider.gemini.GeminiJson.object;
import static dev.switchboard.gateway.provider.gemini.GeminiJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.gemini.GeminiContent.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns OpenAI {@code messages} into Gemini {@code contents} and a {@code systemInstruction}:
 * system and developer text becomes the instruction, assistant turns become {@code model} turns
 * with {@code functionCall} parts, tool results become {@code functionResponse} parts in a {@code
 * user} turn, and consecutive turns of the same role are merged, as Gemini expects alternation.
 */
final class ConversationMapper {

  /** Holds the mapped conversation; {@code systemInstruction} is null when there was none. */
  record Conversation(List<GeminiContent> contents, GeminiContent systemInstruction) {}

  private final List<Part> system = new ArrayList<>();
  private final List<GeminiContent> turns = new ArrayList<>();
  /** Function name of every tool call id seen so far: Gemini matches results by name, not id. */
  private final Map<String, String> toolNames = new HashMap<>();

  private ConversationMapper() {}

  /** Maps {@code messages}, in order. */
  static Conversation map(JsonNode messages) {
    ConversationMapper mapper = new ConversationMapper();
    for (int i = 0; i < messages.size(); i++) {
      mapper.accept(messages.get(i), "messages[" + i + "]");
    }
    if (mapper.turns.isEmpty()) {
      throw new UntranslatableRequestException(
          "messages", "Gemini needs at least one user or assistant message with content.");
    }
    GeminiContent instruction =
        mapper.system.isEmpty() ? null : new GeminiContent(null, List.copyOf(mapper.system));
    return new Conversation(List.copyOf(mapper.turns), instruction);
  }

  private void accept(JsonNode message, String param) {
    String role = text(message, "role");
    JsonNode content = message.get("content");
    switch (role == null ? "" : role) {
      // Gemini has one instruction per request; system messages later in the chat join it
      case "system", "developer" ->
          system.addAll(ContentPartMapper.textParts(content, param + ".content"));
      case "user" -> append("user", ContentPartMapper.userParts(content, param + ".content"));
      case "assistant" -> append("model", assistantParts(message, param));
      case "tool" -> append("user", List.of(toolResult(message, param)));
      case "function" -> // the legacy form of "tool", named instead of numbered
          append("user", List.of(Part.response(requireName(message, param), resultOf(content))));
      default -> throw new UntranslatableRequestException(
          param + ".role", "Gemini has no equivalent of role '" + role + "'.");
    }
  }

  private List<Part> assistantParts(JsonNode message, String param) {
    // reasoning text from earlier turns is not sent back: Gemini keeps its own via signatures
    List<Part> parts =
        new ArrayList<>(ContentPartMapper.textParts(message.get("content"), param + ".content"));
    JsonNode calls = message.get("tool_calls");
    if (calls == null || !calls.isArray()) {
      return parts;
    }
    for (int j = 0; j < calls.size(); j++) {
      JsonNode call = calls.get(j);
      String callParam = param + ".tool_calls[" + j + "]";
      JsonNode function = object(call, "function");
      String name = text(function, "name");
      if (name == null || name.isEmpty()) {
        String nameParam = callParam + ".function.name";
        throw new UntranslatableRequestException(nameParam, "Missing '" + nameParam + "'.");
      }
      String id = text(call, "id");
      if (id != null) {
        toolNames.put(id, name); // a later call reusing an id wins, as the results follow it
      }
      JsonNode args = arguments(text(function, "arguments"), callParam + ".function.arguments");
      parts.add(Part.call(name, args, ThoughtSignatures.read(call, message)));
    }
    return parts;
  }

  private Part toolResult(JsonNode message, String param) {
    String id = text(message, "tool_call_id");
    String name = id == null ? null : toolNames.get(id);
    if (name == null) {
      name = text(message, "name");
    }
    if (name == null || name.isEmpty()) {
      throw new UntranslatableRequestException(
          param + ".tool_call_id",
          "Invalid '" + param + ".tool_call_id': no earlier assistant tool call has id '" + id
              + "', and Gemini matches tool results to calls by function name.");
    }
    return Part.response(name, resultOf(message.get("content")));
  }

  private static String requireName(JsonNode message, String param) {
    String name = text(message, "name");
    if (name == null || name.isEmpty()) {
      throw new UntranslatableRequestException(param + ".name", "Missing '" + param + ".name'.");
    }
    return name;
  }

  /**
   * Wraps a tool result as the JSON object Gemini wants: a result that is itself a JSON object is
   * sent as is, anything else as {@code {"output": "<text>"}}, the key Gemini's docs recommend.
   */
  private static JsonNode resultOf(JsonNode content) {
    String text = ContentPartMapper.joinedText(content);
    JsonNode parsed = parseOrNull(text);
    if (parsed != null && parsed.isObject()) {
      return parsed;
    }
    ObjectNode wrapped = GeminiJson.MAPPER.createObjectNode();
    wrapped.put("output", text);
    return wrapped;
  }

  private static JsonNode arguments(String arguments, String param) {
    if (arguments == null || arguments.isBlank()) {
      return GeminiJson.MAPPER.createObjectNode(); // OpenAI sends "" for a call without arguments
    }
    JsonNode parsed = parseOrNull(arguments);
    if (parsed == null || !parsed.isObject()) {
      throw new UntranslatableRequestException(
          param, "Invalid '" + param + "': expected a JSON object.");
    }
    return parsed;
  }

  private static JsonNode parseOrNull(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return null;
    }
    try {
      return GeminiJson.MAPPER.readTree(trimmed);
    } catch (Exception e) {
      return null;
    }
  }

  private void append(String role, List<Part> parts) {
    if (parts.isEmpty()) {
      return; // Gemini rejects turns without parts
    }
    int last = turns.size() - 1;
    if (last >= 0 && turns.get(last).role().equals(role)) {
      List<Part> merged = new ArrayList<>(turns.get(last).parts());
      merged.addAll(parts);
      turns.set(last, new GeminiContent(role, merged));
    } else {
      turns.add(new GeminiContent(role, parts));
    }
  }
}
