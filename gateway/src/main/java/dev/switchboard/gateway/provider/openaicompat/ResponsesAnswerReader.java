package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Reads an OpenAI Responses {@code response} (or the one a stream's terminal event carries) as the
 * {@code chat.completion} the pipeline measures and records; the client gets the original.
 */
final class ResponsesAnswerReader {

  private ResponsesAnswerReader() {}

  /** Returns the chat completion {@code response} stands for. */
  static ObjectNode completion(JsonNode response) {
    ObjectNode chat = JsonCodec.object();
    chat.put("id", response.path("id").asText(""));
    chat.put("object", "chat.completion");
    chat.put("created", response.path("created_at").asLong(0));
    chat.put("model", response.path("model").asText(""));
    ObjectNode choice = chat.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode calls = JsonCodec.mapper().createArrayNode();
    for (JsonNode item : response.path("output")) {
      switch (item.path("type").asText("")) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            text.append(part.path("text").asText(part.path("refusal").asText("")));
          }
        }
        case "reasoning" -> {
          for (JsonNode summary : item.path("summary")) {
            reasoning.append(summary.path("text").asText(""));
          }
        }
        case "function_call", "custom_tool_call" -> calls.add(toolCall(item));
        default -> {
          // hosted tool calls (web search, code interpreter...) ran on OpenAI's side
        }
      }
    }
    message.put("content", text.toString());
    if (reasoning.length() > 0) {
      message.put("reasoning", reasoning.toString());
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
    choice.put("finish_reason", finishReason(response, !calls.isEmpty()));
    if (response.path("usage").isObject()) {
      chat.set("usage", usage(response.get("usage")));
    }
    return chat;
  }

  /** Returns the chat tool call of a function or custom tool call item. */
  static ObjectNode toolCall(JsonNode item) {
    ObjectNode call = JsonCodec.object().put("id", item.path("call_id").asText("")).put("type", "function");
    String arguments =
        item.has("input")
            ? JsonCodec.write(JsonCodec.object().put("input", item.path("input").asText(""))).toString()
            : item.path("arguments").asText("");
    call.putObject("function").put("name", item.path("name").asText("")).put("arguments", arguments);
    return call;
  }

  /** Returns the chat finish reason of a finished response. */
  static String finishReason(JsonNode response, boolean calledTools) {
    return switch (response.path("status").asText("completed")) {
      case "incomplete" ->
          "content_filter".equals(response.path("incomplete_details").path("reason").asText())
              ? "content_filter"
              : "length";
      case "failed" -> "error";
      default -> calledTools ? "tool_calls" : "stop";
    };
  }

  /** Returns the chat usage of a Responses usage (input counts cached, output counts reasoning). */
  static ObjectNode usage(JsonNode usage) {
    long input = usage.path("input_tokens").asLong(0);
    long output = usage.path("output_tokens").asLong(0);
    ObjectNode chat = JsonCodec.object();
    chat.put("prompt_tokens", input);
    chat.put("completion_tokens", output);
    chat.put("total_tokens", usage.path("total_tokens").asLong(input + output));
    ObjectNode prompt = chat.putObject("prompt_tokens_details");
    prompt.put("cached_tokens", usage.path("input_tokens_details").path("cached_tokens").asLong(0));
    if (usage.path("input_tokens_details").path("cache_write_tokens").isNumber()) {
      prompt.put("cache_write_tokens", usage.path("input_tokens_details").path("cache_write_tokens").asLong());
    }
    chat.putObject("completion_tokens_details")
        .put("reasoning_tokens", usage.path("output_tokens_details").path("reasoning_tokens").asLong(0));
    return chat;
  }
}
