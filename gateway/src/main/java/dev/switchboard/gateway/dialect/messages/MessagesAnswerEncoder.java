package dev.switchboard.gateway.dialect.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.dialect.AnswerContext;
import java.io.IOException;

/**
 * Encodes a chat completion as an Anthropic {@code message}: reasoning as thinking blocks (with
 * the signatures an Anthropic upstream gave, so they come back on the next turn), the text, then
 * tool calls as {@code tool_use} blocks.
 */
final class MessagesAnswerEncoder {

  private MessagesAnswerEncoder() {}

  static ObjectNode encode(ObjectNode completion, AnswerContext context) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    ObjectNode out = JsonCodec.object();
    out.put("id", messageId(context.id()));
    out.put("type", "message");
    out.put("role", "assistant");
    out.put("model", context.model());
    ArrayNode content = out.putArray("content");
    thinking(message, content);
    String text = message.path("content").asText("");
    if (!text.isEmpty()) {
      content.addObject().put("type", "text").put("text", text);
    }
    for (JsonNode call : message.path("tool_calls")) {
      ObjectNode block = content.addObject();
      block.put("type", "tool_use");
      block.put("id", call.path("id").asText(""));
      block.put("name", call.path("function").path("name").asText(""));
      block.set("input", arguments(call.path("function").path("arguments").asText("")));
    }
    out.put(
        "stop_reason",
        MessagesUsage.stopReason(
            choice.path("finish_reason").textValue(), choice.path("native_finish_reason").textValue()));
    out.putNull("stop_sequence");
    out.set("usage", MessagesUsage.of(completion.path("usage")));
    return out;
  }

  /** Returns Anthropic-style message id for a gateway request id. */
  static String messageId(String requestId) {
    return requestId.startsWith("msg_") ? requestId : "msg_" + requestId;
  }

  /** Returns a tool call's arguments as the object Anthropic's {@code input} is. */
  static JsonNode arguments(String arguments) {
    if (arguments.isBlank()) {
      return JsonCodec.object();
    }
    try {
      JsonNode parsed = JsonCodec.mapper().readTree(arguments);
      return parsed != null && parsed.isObject() ? parsed : JsonCodec.object().set("value", parsed);
    } catch (IOException e) {
      // a model produced broken JSON: keep it readable rather than fail the whole answer
      return JsonCodec.object().put("_raw_arguments", arguments);
    }
  }

  private static void thinking(JsonNode message, ArrayNode content) {
    JsonNode details = message.path("reasoning_details");
    boolean fromDetails = false;
    for (JsonNode detail : details) {
      String type = detail.path("type").asText("");
      if ("reasoning.text".equals(type)) {
        content.addObject()
            .put("type", "thinking")
            .put("thinking", detail.path("text").asText(""))
            .put("signature", detail.path("signature").asText(""));
        fromDetails = true;
      } else if ("reasoning.encrypted".equals(type)) {
        content.addObject().put("type", "redacted_thinking").put("data", detail.path("data").asText(""));
        fromDetails = true;
      }
    }
    String reasoning = message.path("reasoning").asText("");
    if (!fromDetails && !reasoning.isEmpty()) {
      content.addObject().put("type", "thinking").put("thinking", reasoning).put("signature", "");
    }
  }
}
