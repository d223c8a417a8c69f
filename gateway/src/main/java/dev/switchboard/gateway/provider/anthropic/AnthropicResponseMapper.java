package dev.switchboard.gateway.provider.anthropic;

import static dev.switchboard.gateway.provider.anthropic.AnthropicJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.telemetry.FinishReason;

/**
 * Maps a whole Anthropic {@code message} to an OpenAI {@code chat.completion}: text blocks become
 * {@code content}, thinking blocks {@code reasoning} plus {@code reasoning_details}, client {@code
 * tool_use} blocks {@code tool_calls}; server-tool blocks (web search and its results) are not
 * client calls and are left out.
 */
final class AnthropicResponseMapper {

  private AnthropicResponseMapper() {}

  /**
   * Returns the completion for {@code message}, measured.
   *
   * @param excludeReasoning whether the client asked not to receive reasoning ({@code
   *     reasoning.exclude}); it is still measured
   */
  static ChatCompletion map(JsonNode message, boolean excludeReasoning, long created) {
    AnswerTally tally = new AnswerTally();
    tally.model(text(message, "model"));
    tally.usage(message.get("usage"));
    tally.stopReason(text(message, "stop_reason"));
    StringBuilder content = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode details = JsonCodec.mapper().createArrayNode();
    ArrayNode toolCalls = JsonCodec.mapper().createArrayNode();
    for (JsonNode block : message.path("content")) {
      switch (String.valueOf(text(block, "type"))) {
        case "text" -> {
          String text = text(block, "text");
          tally.text(text);
          content.append(text == null ? "" : text);
        }
        case "thinking" -> {
          String thinking = text(block, "thinking");
          tally.reasoning(thinking);
          reasoning.append(thinking == null ? "" : thinking);
          details.add(
              ReasoningDetail.text(
                  thinking == null ? "" : thinking, text(block, "signature"), details.size()));
        }
        case "redacted_thinking" ->
            details.add(ReasoningDetail.encrypted(text(block, "data"), details.size()));
        case "tool_use" -> toolCalls.add(toolCall(block, tally));
        default -> {
          // server_tool_use, web_search_tool_result, mcp_tool_use...: not client-visible calls
        }
      }
    }
    ResponseSummary summary = tally.summary();
    ObjectNode body = JsonCodec.object();
    body.put("id", text(message, "id")); // replaced by the gateway's own id
    body.put("object", "chat.completion");
    body.put("created", created);
    body.put("model", summary.servedModel()); // replaced by the public model name
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode out = choice.putObject("message");
    out.put("role", "assistant");
    if (content.length() > 0 || toolCalls.isEmpty()) {
      out.put("content", content.toString());
    } else {
      out.putNull("content"); // as OpenAI does when the model only calls tools
    }
    out.putNull("refusal");
    if (!excludeReasoning && !details.isEmpty()) {
      out.put("reasoning", reasoning.toString());
      out.set("reasoning_details", details);
    }
    if (!toolCalls.isEmpty()) {
      out.set("tool_calls", toolCalls);
    }
    choice.putNull("logprobs");
    FinishReason finish = summary.finishReason();
    choice.put("finish_reason", finish == null ? null : finish.wireName());
    choice.put("native_finish_reason", summary.nativeFinishReason());
    if (summary.usage().isReported()) {
      body.set("usage", AnthropicUsage.toOpenAi(summary.usage()));
    }
    return new ChatCompletion(body, summary, tally.completionText());
  }

  private static ObjectNode toolCall(JsonNode block, AnswerTally tally) {
    String name = String.valueOf(text(block, "name"));
    JsonNode input = block.get("input");
    String arguments = input == null || input.isNull() ? "{}" : input.toString();
    tally.toolCall(name);
    tally.toolArguments(arguments);
    ObjectNode call = JsonCodec.object();
    call.put("id", text(block, "id"));
    call.put("type", "function");
    ObjectNode function = call.putObject("function");
    function.put("name", name);
    function.put("arguments", arguments);
    return call;
  }
}
