package dev.switchboard.gateway.dialect.responses;

import static dev.switchboard.gateway.dialect.responses.ResponsesRequestDecoder.invalidType;
import static dev.switchboard.gateway.dialect.responses.ResponsesRequestDecoder.invalidValue;
import static dev.switchboard.gateway.dialect.responses.ResponsesRequestDecoder.missing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Turns a Responses {@code input} (a string, or a list of items) into chat messages. A run of
 * assistant output items (reasoning, assistant messages, function calls) is one model turn, so it
 * becomes one assistant message; user, system and tool-output items end the run.
 */
final class InputItems {
  private final ArrayNode out;
  private ObjectNode assistant;
  private StringBuilder assistantText;

  private InputItems(ArrayNode out) {
    this.out = out;
  }

  /** Appends the messages {@code input} stands for to {@code out}. */
  static void decode(JsonNode input, ArrayNode out) {
    if (input == null || input.isNull()) {
      throw missing("input");
    }
    if (input.isTextual()) {
      out.addObject().put("role", "user").put("content", input.asText());
      return;
    }
    if (!input.isArray()) {
      throw invalidType("input", "a string or an array of input items");
    }
    InputItems items = new InputItems(out);
    for (int i = 0; i < input.size(); i++) {
      items.item(input.get(i), "input[" + i + "]");
    }
    items.endTurn();
  }

  private void item(JsonNode item, String param) {
    if (!item.isObject()) {
      throw invalidType(param, "an object");
    }
    // an "easy input message" ({role, content}) may leave out its type
    String type = item.path("type").asText(item.has("role") ? "message" : "");
    switch (type) {
      case "message" -> message(item, param);
      case "function_call" -> toolCall(item, "arguments", param);
      case "custom_tool_call" -> toolCall(item, "input", param);
      case "function_call_output", "custom_tool_call_output" -> toolOutput(item, param);
      case "reasoning" -> reasoning(item);
      case "item_reference" ->
          throw invalidValue(
              param,
              "Item references need stored responses, which this gateway does not keep: send the"
                  + " item itself.");
      case "" -> throw missing(param + ".type");
      default -> {
        // calls of OpenAI's hosted tools (web_search_call, file_search_call, local_shell_call,
        // mcp_call, image_generation_call...) and their outputs ran on OpenAI's side: no chat
        // upstream can take them back, and dropping both halves keeps the history well-formed
      }
    }
  }

  private void message(JsonNode item, String param) {
    String role = item.path("role").asText("");
    JsonNode content = item.get("content");
    if (content == null || content.isNull()) {
      throw missing(param + ".content");
    }
    switch (role) {
      case "assistant" -> {
        openTurn();
        assistantText.append(ContentParts.text(content, param + ".content"));
      }
      case "user" -> {
        endTurn();
        out.addObject().put("role", "user").set("content", ContentParts.chat(content, param + ".content"));
      }
      case "system", "developer" -> {
        endTurn();
        // every chat upstream knows "system"; OpenAI treats developer and system alike
        out.addObject().put("role", "system").set("content", ContentParts.chat(content, param + ".content"));
      }
      default ->
          throw invalidValue(
              param + ".role",
              "Invalid '" + param + ".role': expected 'user', 'assistant', 'system' or 'developer'.");
    }
  }

  /** Adds a function call (or a custom tool call, as a function with an {@code input} argument). */
  private void toolCall(JsonNode item, String argumentsField, String param) {
    JsonNode callId = item.get("call_id");
    if (callId == null || !callId.isTextual()) {
      throw missing(param + ".call_id");
    }
    JsonNode name = item.get("name");
    if (name == null || !name.isTextual()) {
      throw missing(param + ".name");
    }
    String arguments =
        argumentsField.equals("input")
            ? JsonCodec.write(JsonCodec.object().put("input", item.path("input").asText(""))).toString()
            : item.path("arguments").asText("");
    openTurn();
    call(callId.asText(), ToolNames.flatten(item.path("namespace").textValue(), name.asText()), arguments);
  }

  private void toolOutput(JsonNode item, String param) {
    endTurn();
    JsonNode callId = item.get("call_id");
    JsonNode output = item.get("output");
    if (callId == null || !callId.isTextual()) {
      // an output no call asked for (Codex sends its goal this way): context for the model,
      // which chat can only give as a user message
      String name = item.path("name").asText("");
      String text = output != null && output.isTextual() ? output.asText() : ContentParts.text(
          output == null ? JsonCodec.mapper().createArrayNode() : output, param + ".output");
      out.addObject().put("role", "user").put("content", name.isEmpty() ? text : name + ": " + text);
      return;
    }
    ObjectNode message = out.addObject().put("role", "tool").put("tool_call_id", callId.asText());
    if (output == null || output.isNull()) {
      message.put("content", "");
    } else if (output.isTextual()) {
      message.put("content", output.asText());
    } else if (output.isArray()) {
      message.set("content", ContentParts.chat(output, param + ".output"));
    } else {
      message.put("content", JsonCodec.write(output).toString());
    }
  }

  private void reasoning(JsonNode item) {
    ArrayNode carried = ReasoningCarrier.details(item);
    openTurn();
    if (!carried.isEmpty()) {
      details().addAll(carried);
    }
  }

  /** Opens an assistant turn unless one is open. */
  private void openTurn() {
    if (assistant == null) {
      assistant = JsonCodec.object().put("role", "assistant").putNull("content");
      assistantText = new StringBuilder();
    }
  }

  private void call(String id, String name, String arguments) {
    ArrayNode calls =
        assistant.get("tool_calls") instanceof ArrayNode existing ? existing : assistant.putArray("tool_calls");
    ObjectNode call = calls.addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments);
  }

  private ArrayNode details() {
    return assistant.get("reasoning_details") instanceof ArrayNode existing
        ? existing
        : assistant.putArray("reasoning_details");
  }

  /**
   * Closes the open assistant turn. A turn of nothing but reasoning is dropped: no chat upstream
   * takes an assistant message without text or calls.
   */
  private void endTurn() {
    if (assistant == null) {
      return;
    }
    boolean calls = assistant.has("tool_calls");
    if (assistantText.length() > 0 || calls) {
      if (assistantText.length() > 0 || !calls) {
        assistant.put("content", assistantText.toString());
      }
      out.add(assistant);
    }
    assistant = null;
    assistantText = null;
  }
}
