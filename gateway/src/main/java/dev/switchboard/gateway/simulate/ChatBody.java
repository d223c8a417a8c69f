package dev.switchboard.gateway.simulate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.simulate.prompt.ChatTurn;
import dev.switchboard.gateway.simulate.prompt.ComposedPrompt;
import dev.switchboard.gateway.simulate.prompt.PromptBank.ToolText;
import dev.switchboard.gateway.simulate.traffic.PlannedRequest;
import java.util.Map;

/**
 * Writes a planned request as the Chat Completions body an OpenAI SDK sends: model, messages,
 * {@code max_tokens}, {@code user}, streaming with usage, and function tools.
 */
final class ChatBody {
  private ChatBody() {}

  static ObjectNode of(PlannedRequest request, ComposedPrompt prompt) {
    ObjectNode body = JsonCodec.object();
    body.put("model", request.model());
    ArrayNode messages = body.putArray("messages");
    for (ChatTurn turn : prompt.messages()) {
      ObjectNode m = messages.addObject().put("role", turn.role());
      if (turn.content() != null) {
        m.put("content", turn.content());
      } else {
        m.putNull("content");
      }
      if (!turn.toolCalls().isEmpty()) {
        ArrayNode calls = m.putArray("tool_calls");
        for (ChatTurn.ToolCall call : turn.toolCalls()) {
          ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
          c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        }
      }
      if (turn.toolCallId() != null) {
        m.put("tool_call_id", turn.toolCallId());
      }
    }
    body.put("max_tokens", request.completionTokens());
    body.put("user", request.user().id());
    if (request.stream()) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    if (!prompt.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolText tool : prompt.tools()) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", tool.name()).put("description", tool.description());
        ObjectNode parameters = function.putObject("parameters").put("type", "object");
        ObjectNode properties = parameters.putObject("properties");
        ArrayNode required = parameters.putArray("required");
        for (Map.Entry<String, String> p : tool.parameters().entrySet()) {
          properties.putObject(p.getKey()).put("type", p.getValue());
          required.add(p.getKey());
        }
      }
      body.put("tool_choice", "auto");
    }
    return body;
  }
}
