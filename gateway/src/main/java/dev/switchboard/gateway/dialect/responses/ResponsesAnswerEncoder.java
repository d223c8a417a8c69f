package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.dialect.AnswerContext;

/**
 * Encodes a chat completion as a Responses {@code response}: a reasoning item (summary from the
 * reasoning text, what the upstream needs back in {@code encrypted_content}), a message item for
 * the text, then one call item per tool call.
 */
final class ResponsesAnswerEncoder {

  private ResponsesAnswerEncoder() {}

  static ObjectNode encode(ObjectNode completion, AnswerContext context) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    String key = ResponseObject.key(context.id());
    ObjectNode response = ResponseObject.shell(context, "completed");
    ArrayNode output = (ArrayNode) response.get("output");
    String reasoning = message.path("reasoning").asText("");
    String encrypted =
        ReasoningCarrier.wrap(message.path("reasoning_details"), message.path("tool_calls"));
    if (!reasoning.isEmpty() || encrypted != null) {
      output.add(OutputItems.reasoning("rs_" + key, reasoning, encrypted));
    }
    String text = message.path("content").asText("");
    if (text.isEmpty()) {
      text = message.path("refusal").asText("");
    }
    if (!text.isEmpty()) {
      output.add(OutputItems.message("msg_" + key, text, "completed"));
    }
    ToolNames tools = ToolNames.of(context.request().origin().body());
    int index = 0;
    for (JsonNode call : message.path("tool_calls")) {
      String callId = call.path("id").asText("call_" + key + "_" + index);
      output.add(OutputItems.call(
          tools,
          key + "_" + index,
          callId,
          call.path("function").path("name").asText(""),
          call.path("function").path("arguments").asText(""),
          "completed"));
      index++;
    }
    ResponseObject.finish(
        response, choice.path("finish_reason").textValue(), completion.path("usage"), context.created());
    return response;
  }
}
