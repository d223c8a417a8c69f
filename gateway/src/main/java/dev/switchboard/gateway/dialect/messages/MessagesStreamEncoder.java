package dev.switchboard.gateway.dialect.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.dialect.AnswerContext;
import dev.switchboard.gateway.dialect.StreamEncoder;
import dev.switchboard.gateway.provider.NativeEvents;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a streamed answer as Anthropic's event stream: {@code message_start}, one {@code
 * content_block_start} / {@code _delta} / {@code _stop} run per thinking, text or tool-use block,
 * {@code message_delta} with the stop reason and the usage, {@code message_stop}; an in-stream
 * {@code error} event when the answer fails. Events an Anthropic upstream sent are written back
 * verbatim instead (https://docs.claude.com/en/docs/build-with-claude/streaming).
 */
final class MessagesStreamEncoder implements StreamEncoder {
  private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  private enum Block {
    NONE,
    THINKING,
    TEXT,
    TOOL
  }

  private final AnswerContext context;
  private boolean started;
  private boolean nativeEvents;
  private Block open = Block.NONE;
  private int nextIndex;
  private int openTool = -1;
  private String finishReason;
  private String nativeFinishReason;
  private JsonNode usage = JsonCodec.object();

  MessagesStreamEncoder(AnswerContext context) {
    this.context = context;
  }

  @Override
  public void chunk(ObjectNode chunk, Buffer out) {
    if (NativeEvents.carries(chunk)) {
      nativeEvents = true;
      NativeEvents.writeFrame(out, chunk);
      return;
    }
    if (nativeEvents) {
      return; // the upstream's own events already say what this translation would
    }
    start(out);
    if (chunk.path("usage").isObject()) {
      usage = chunk.get("usage");
    }
    if (chunk.has("error")) {
      closeBlock(out);
      error(out, chunk.path("error").path("type").asText("api_error"), chunk.path("error").path("message").asText(""));
      return;
    }
    for (JsonNode choice : chunk.path("choices")) {
      delta(choice.path("delta"), out);
      if (choice.path("finish_reason").isTextual()) {
        finishReason = choice.get("finish_reason").asText();
        nativeFinishReason = choice.path("native_finish_reason").textValue();
      }
    }
  }

  @Override
  public void failed(ApiError error, Buffer out) {
    start(out);
    closeBlock(out);
    ObjectNode body = Dialect.MESSAGES.errorBody(error);
    event(out, "error", body);
  }

  @Override
  public void finished(boolean inBandError, Buffer out) {
    if (nativeEvents || inBandError) {
      return;
    }
    start(out);
    closeBlock(out);
    ObjectNode delta = JsonCodec.object().put("type", "message_delta");
    delta.putObject("delta")
        .put("stop_reason", MessagesUsage.stopReason(finishReason, nativeFinishReason))
        .putNull("stop_sequence");
    delta.set("usage", MessagesUsage.of(usage));
    event(out, "message_delta", delta);
    event(out, "message_stop", JsonCodec.object().put("type", "message_stop"));
  }

  private void delta(JsonNode delta, Buffer out) {
    String reasoning = delta.path("reasoning").asText("");
    if (!reasoning.isEmpty()) {
      open(out, Block.THINKING, -1, null);
      blockDelta(out, JsonCodec.object().put("type", "thinking_delta").put("thinking", reasoning));
    }
    for (JsonNode detail : delta.path("reasoning_details")) {
      String signature = detail.path("signature").asText("");
      if ("reasoning.encrypted".equals(detail.path("type").asText())) {
        ObjectNode block = JsonCodec.object().put("type", "redacted_thinking").put("data", detail.path("data").asText(""));
        open(out, Block.NONE, -1, null);
        startBlock(out, block);
        closeBlock(out);
      } else if (!signature.isEmpty()) {
        open(out, Block.THINKING, -1, null);
        blockDelta(out, JsonCodec.object().put("type", "signature_delta").put("signature", signature));
      }
    }
    String text = delta.path("content").asText("");
    if (!text.isEmpty()) {
      open(out, Block.TEXT, -1, null);
      blockDelta(out, JsonCodec.object().put("type", "text_delta").put("text", text));
    }
    for (JsonNode call : delta.path("tool_calls")) {
      int index = call.path("index").asInt(0);
      if (open != Block.TOOL || openTool != index) {
        open(out, Block.TOOL, index, call);
      }
      String arguments = call.path("function").path("arguments").asText("");
      if (!arguments.isEmpty()) {
        blockDelta(out, JsonCodec.object().put("type", "input_json_delta").put("partial_json", arguments));
      }
    }
  }

  /** Makes {@code kind} the open block, closing another one first. */
  private void open(Buffer out, Block kind, int toolIndex, JsonNode call) {
    if (open == kind && (kind != Block.TOOL || openTool == toolIndex)) {
      return;
    }
    closeBlock(out);
    if (kind == Block.NONE) {
      return;
    }
    ObjectNode block = JsonCodec.object();
    switch (kind) {
      case THINKING -> block.put("type", "thinking").put("thinking", "").put("signature", "");
      case TEXT -> block.put("type", "text").put("text", "");
      case TOOL -> {
        block.put("type", "tool_use");
        block.put("id", call.path("id").asText("toolu_" + context.id() + "_" + toolIndex));
        block.put("name", call.path("function").path("name").asText(""));
        block.putObject("input");
        openTool = toolIndex;
      }
      default -> throw new IllegalStateException(kind.name());
    }
    startBlock(out, block);
    open = kind;
  }

  private void startBlock(Buffer out, ObjectNode block) {
    ObjectNode event = JsonCodec.object().put("type", "content_block_start").put("index", nextIndex);
    event.set("content_block", block);
    event(out, "content_block_start", event);
    open = Block.TEXT; // any open block; callers set the real kind
  }

  private void blockDelta(Buffer out, ObjectNode delta) {
    ObjectNode event = JsonCodec.object().put("type", "content_block_delta").put("index", nextIndex);
    event.set("delta", delta);
    event(out, "content_block_delta", event);
  }

  private void closeBlock(Buffer out) {
    if (open == Block.NONE) {
      return;
    }
    event(out, "content_block_stop", JsonCodec.object().put("type", "content_block_stop").put("index", nextIndex));
    nextIndex++;
    open = Block.NONE;
    openTool = -1;
  }

  private void start(Buffer out) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode event = JsonCodec.object().put("type", "message_start");
    ObjectNode message = event.putObject("message");
    message.put("id", MessagesAnswerEncoder.messageId(context.id()));
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", context.model());
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    // translated upstreams report usage at the end: the counts come in message_delta
    message.set("usage", MessagesUsage.of(JsonCodec.object()));
    event(out, "message_start", event);
  }

  private void error(Buffer out, String type, String message) {
    ObjectNode event = JsonCodec.object().put("type", "error");
    event.putObject("error").put("type", anthropicType(type)).put("message", message);
    event(out, "error", event);
  }

  private static String anthropicType(String chatType) {
    return switch (chatType) {
      case "overloaded_error", "rate_limit_error", "invalid_request_error", "api_error" -> chatType;
      default -> "api_error";
    };
  }

  private static void event(Buffer out, String name, ObjectNode data) {
    out.appendBytes(EVENT).appendString(name).appendBytes(DATA);
    JsonCodec.writeTo(out, data);
    out.appendBytes(END);
  }
}
