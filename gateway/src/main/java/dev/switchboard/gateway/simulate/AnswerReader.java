package dev.switchboard.gateway.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import dev.switchboard.gateway.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Reads the gateway's answer to one request, a whole JSON body or an SSE stream fed chunk by
 * chunk, into an {@link Observed}: status, error, finish reason, tool calls and usage.
 */
final class AnswerReader {
  private final int status;
  private final SseDecoder decoder = new SseDecoder(this::onEvent);
  private String error;
  private String finishReason;
  private int toolCalls;
  private JsonNode usage;

  AnswerReader(int status) {
    this.status = status;
  }

  /** Reads a non-streamed body (answer or error). */
  static Observed whole(int status, Buffer body) {
    AnswerReader reader = new AnswerReader(status);
    JsonNode json;
    try {
      json = JsonCodec.mapper().readTree(body.getBytes());
    } catch (IOException e) {
      return new Observed(status, "unreadable_body", null, 0, null, null, null, null);
    }
    reader.accept(json, "message");
    if (status != 200 && reader.error == null) {
      reader.error = "http_" + status;
    }
    return reader.observed();
  }

  /** Feeds a piece of a streamed answer. */
  void feed(Buffer chunk) {
    decoder.feed(chunk);
  }

  /** Ends a streamed answer and returns what it said. */
  Observed endStream() {
    decoder.end();
    return observed();
  }

  private void onEvent(SseEvent event) {
    if (event.isDone() || event.data() == null || event.data().isBlank()) {
      return;
    }
    try {
      accept(JsonCodec.mapper().readTree(event.data()), "delta");
    } catch (IOException e) {
      error = "unreadable_event";
    }
  }

  private void accept(JsonNode json, String part) {
    JsonNode err = json.get("error");
    if (err != null && !err.isNull()) {
      String type = err.path("type").asText(null);
      error = type != null ? type : err.path("code").asText("error");
    }
    JsonNode choices = json.path("choices");
    if (choices.isArray() && !choices.isEmpty()) {
      JsonNode choice = choices.get(0);
      if (choice.hasNonNull("finish_reason")) {
        finishReason = choice.get("finish_reason").asText();
      }
      JsonNode calls = choice.path(part).path("tool_calls");
      if (calls.isArray()) {
        for (JsonNode call : calls) {
          // a stream names each call once, in the delta that opens it
          if (part.equals("message") || call.hasNonNull("id")) {
            toolCalls++;
          }
        }
      }
    }
    if (json.hasNonNull("usage") && json.get("usage").isObject()) {
      usage = json.get("usage");
    }
  }

  private Observed observed() {
    String failure = error;
    if (failure == null && status != 200) {
      failure = "http_" + status;
    }
    if (usage == null) {
      return new Observed(status, failure, finishReason, toolCalls, null, null, null, null);
    }
    JsonNode reasoning = usage.path("completion_tokens_details").path("reasoning_tokens");
    return new Observed(status, failure, finishReason, toolCalls,
        usage.path("prompt_tokens").isNumber() ? usage.get("prompt_tokens").asLong() : null,
        usage.path("completion_tokens").isNumber() ? usage.get("completion_tokens").asLong() : null,
        reasoning.isNumber() ? reasoning.asLong() : null,
        usage.path("cost").isNumber() ? usage.get("cost").asDouble() : null);
  }
}
