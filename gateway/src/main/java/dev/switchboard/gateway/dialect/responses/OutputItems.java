package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import java.io.IOException;

/**
 * Builds the Responses output items ({@code reasoning}, {@code message}, {@code function_call},
 * {@code custom_tool_call}) that whole answers and streams both carry.
 */
final class OutputItems {

  private OutputItems() {}

  /** Returns a reasoning item; an empty summary text gives an empty summary. */
  static ObjectNode reasoning(String id, String summary, String encryptedContent) {
    ObjectNode item = JsonCodec.object().put("id", id).put("type", "reasoning");
    if (summary.isEmpty()) {
      item.putArray("summary");
    } else {
      item.putArray("summary").add(summaryPart(summary));
    }
    if (encryptedContent != null) {
      item.put("encrypted_content", encryptedContent);
    }
    return item;
  }

  static ObjectNode summaryPart(String text) {
    return JsonCodec.object().put("type", "summary_text").put("text", text);
  }

  /** Returns an assistant message item with one {@code output_text} part (none while empty). */
  static ObjectNode message(String id, String text, String status) {
    ObjectNode item = JsonCodec.object().put("id", id).put("type", "message").put("status", status);
    item.put("role", "assistant");
    if (text == null) {
      item.putArray("content");
    } else {
      item.putArray("content").add(textPart(text));
    }
    return item;
  }

  static ObjectNode textPart(String text) {
    ObjectNode part = JsonCodec.object().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  /** Returns the call item of chat tool call {@code chatName}: a function or a custom tool call. */
  static ObjectNode call(
      ToolNames tools, String key, String callId, String chatName, String arguments, String status) {
    boolean custom = tools.isCustom(chatName);
    ObjectNode item = JsonCodec.object()
        .put("id", (custom ? "ctc_" : "fc_") + key)
        .put("type", custom ? "custom_tool_call" : "function_call")
        .put("status", status)
        .put("call_id", callId);
    String namespace = tools.namespace(chatName);
    if (namespace != null) {
      item.put("namespace", namespace);
    }
    item.put("name", tools.name(chatName));
    return custom
        ? item.put("input", status.equals("completed") ? customInput(arguments) : "")
        : item.put("arguments", arguments);
  }

  /**
   * Returns the raw input of a custom tool called through its function stand-in ({@code
   * {"input": "..."}}); arguments of another shape are passed on as they are.
   */
  static String customInput(String arguments) {
    try {
      JsonNode parsed = JsonCodec.mapper().readTree(arguments);
      if (parsed != null && parsed.path("input").isTextual()) {
        return parsed.get("input").asText();
      }
    } catch (IOException e) {
      // a model produced broken JSON: hand it on rather than lose it
    }
    return arguments;
  }
}
