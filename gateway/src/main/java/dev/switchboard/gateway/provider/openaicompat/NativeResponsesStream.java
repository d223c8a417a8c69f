package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.MalformedStreamException;
import dev.switchboard.gateway.provider.NativeEvents;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.StreamTranslation;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import dev.switchboard.gateway.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Relays OpenAI's Responses event stream to a client that itself speaks Responses: every upstream
 * event travels verbatim, attached to a chat chunk saying what it means (text, reasoning, tool-call
 * fragments, the finish and usage, an error), which the pipeline measures and checks.
 */
final class NativeResponsesStream implements StreamTranslation {
  private final Consumer<ObjectNode> sink;
  private final ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
  private final SseDecoder decoder = new SseDecoder(this::accept);
  private final Map<String, Integer> toolIndex = new HashMap<>();
  private boolean ended;

  NativeResponsesStream(Consumer<ObjectNode> sink) {
    this.sink = sink;
  }

  private void accept(SseEvent event) {
    if (event.data() == null || event.data().isBlank() || event.isDone()) {
      return;
    }
    JsonNode data;
    try {
      data = JsonCodec.mapper().readTree(event.data());
    } catch (Exception e) {
      throw new MalformedStreamException("The provider sent a stream event that is not valid JSON.");
    }
    ObjectNode chunk = translate(data);
    accumulator.accept(chunk);
    NativeEvents.attach(chunk, event.event().equals("message") ? null : event.event(), event.data());
    sink.accept(chunk);
  }

  /** Returns the chat chunk an event stands for; one with no choices for bookkeeping events. */
  private ObjectNode translate(JsonNode data) {
    ObjectNode chunk = JsonCodec.object().put("object", "chat.completion.chunk");
    if (data.path("response").path("model").isTextual()) {
      chunk.put("model", data.get("response").get("model").asText());
    }
    ObjectNode delta = JsonCodec.object();
    String finish = null;
    switch (data.path("type").asText("")) {
      case "response.output_text.delta", "response.refusal.delta" -> delta.put("content", data.path("delta").asText(""));
      case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
          delta.put("reasoning", data.path("delta").asText(""));
      case "response.output_item.added" -> {
        JsonNode item = data.path("item");
        String type = item.path("type").asText("");
        if (type.equals("function_call") || type.equals("custom_tool_call")) {
          int index = toolIndex.size();
          toolIndex.put(item.path("id").asText(String.valueOf(index)), index);
          ObjectNode call = ResponsesAnswerReader.toolCall(item).put("index", index);
          ((ObjectNode) call.get("function")).put("arguments", "");
          delta.putArray("tool_calls").add(call);
        }
      }
      case "response.function_call_arguments.delta", "response.custom_tool_call_input.delta" -> {
        Integer index = toolIndex.get(data.path("item_id").asText(""));
        if (index != null) {
          ObjectNode call = delta.putArray("tool_calls").addObject().put("index", index);
          call.putObject("function").put("arguments", data.path("delta").asText(""));
        }
      }
      case "response.completed", "response.incomplete" -> {
        ended = true;
        JsonNode response = data.path("response");
        finish = ResponsesAnswerReader.finishReason(response, !toolIndex.isEmpty());
        if (response.path("usage").isObject()) {
          chunk.set("usage", ResponsesAnswerReader.usage(response.get("usage")));
        }
      }
      case "response.failed" -> {
        ended = true;
        JsonNode error = data.path("response").path("error");
        chunk.set("error", error(error.path("code").asText("server_error"), error.path("message").asText("")));
        if (data.path("response").path("usage").isObject()) {
          chunk.set("usage", ResponsesAnswerReader.usage(data.get("response").get("usage")));
        }
      }
      case "error" -> chunk.set("error", error(data.path("code").asText("server_error"), data.path("message").asText("")));
      default -> {
        // created, in_progress, item and part boundaries: nothing to measure
      }
    }
    if (delta.isEmpty() && finish == null) {
      chunk.putArray("choices");
    } else {
      ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
      choice.set("delta", delta);
      choice.put("finish_reason", finish);
    }
    return chunk;
  }

  private static ObjectNode error(String code, String message) {
    String type = code.equals("rate_limit_exceeded") ? "rate_limit_error" : "server_error";
    return JsonCodec.object()
        .put("message", message.isEmpty() ? "The provider failed mid-stream." : message)
        .put("type", type)
        .put("code", code);
  }

  @Override
  public void feed(Buffer bytes) {
    decoder.feed(bytes);
  }

  @Override
  public String end() {
    decoder.end();
    return ended ? null : "The provider's stream ended before the response was complete.";
  }

  @Override
  public ResponseSummary summary() {
    return accumulator.summary();
  }

  @Override
  public String completionText() {
    return accumulator.completionText();
  }
}
