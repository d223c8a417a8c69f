package dev.switchboard.gateway.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.MalformedStreamException;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.StreamTranslation;
import dev.switchboard.gateway.provider.anthropic.MessagesTranslation;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * Translates a ConverseStream body ({@code application/vnd.amazon.eventstream}: binary frames
 * with CRCs, decoded by AWS's eventstream library) into chat chunks. Each Converse event
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html) is
 * renamed into the Messages event it stands for and handed to the Messages translation: text
 * blocks, which Converse opens without a {@code contentBlockStart}, are opened on their first
 * delta; usage, which Converse sends in a {@code metadata} event after {@code messageStop}, ends
 * the message. Exceptions inside the stream end it with an error chunk. Not thread-safe.
 */
final class ConverseStreamTranslation implements StreamTranslation {
  private final MessagesTranslation.EventTranslation messages;
  private final MessageDecoder decoder = new MessageDecoder(this::onFrame);
  private final Map<Integer, String> openBlocks = new HashMap<>();
  private final String model;
  private boolean stopped;
  private boolean failed;

  ConverseStreamTranslation(Consumer<ObjectNode> sink, boolean excludeReasoning, String model) {
    this.messages = MessagesTranslation.events(sink, excludeReasoning);
    this.model = model;
  }

  @Override
  public void feed(Buffer bytes) {
    if (failed) {
      return;
    }
    try {
      decoder.feed(bytes.getBytes());
    } catch (MalformedStreamException e) {
      throw e;
    } catch (RuntimeException e) {
      // a bad prelude or CRC: the library says which; the client reads only that the frame was bad
      throw new MalformedStreamException("Bedrock sent a stream frame that cannot be decoded.");
    }
  }

  @Override
  public String end() {
    if (stopped && !messages.complete()) {
      messages.accept("message_stop", JsonCodec.object()); // no metadata event: usage unknown
    }
    return messages.end();
  }

  @Override
  public ResponseSummary summary() {
    return messages.summary();
  }

  @Override
  public String completionText() {
    return messages.completionText();
  }

  private void onFrame(Message frame) {
    if (failed) {
      return;
    }
    String messageType = header(frame, ":message-type");
    if ("exception".equals(messageType)) {
      failed = true;
      messages.fail(BedrockErrorParser.inBand(header(frame, ":exception-type"), frame.getPayload()));
      return;
    }
    if ("error".equals(messageType)) {
      failed = true;
      String code = header(frame, ":error-code");
      String text = header(frame, ":error-message");
      messages.fail(
          BedrockErrorParser.inBand(
              code, JsonCodec.object().put("message", text).toString().getBytes()));
      return;
    }
    JsonNode event;
    try {
      event = JsonCodec.mapper().readTree(frame.getPayload());
    } catch (Exception e) {
      throw new MalformedStreamException("Bedrock sent a stream event that is not valid JSON.");
    }
    if (event == null || !event.isObject()) {
      throw new MalformedStreamException("Bedrock sent a stream event that is not a JSON object.");
    }
    onEvent(String.valueOf(header(frame, ":event-type")), event);
  }

  private void onEvent(String type, JsonNode event) {
    switch (type) {
      case "messageStart" -> {
        ObjectNode start = JsonCodec.object();
        start.putObject("message").put("model", model).putObject("usage");
        messages.accept("message_start", start);
      }
      case "contentBlockStart" -> {
        JsonNode use = event.path("start").path("toolUse");
        if (use.isObject()) {
          int index = event.path("contentBlockIndex").asInt();
          ObjectNode block = JsonCodec.object();
          block.put("type", "tool_use");
          block.put("id", use.path("toolUseId").asText());
          block.put("name", use.path("name").asText());
          block.putObject("input");
          open(index, "tool_use", block);
        }
      }
      case "contentBlockDelta" -> onDelta(event.path("contentBlockIndex").asInt(), event.path("delta"));
      case "messageStop" -> {
        stopped = true;
        ObjectNode delta = JsonCodec.object();
        delta.putObject("delta").put("stop_reason", event.path("stopReason").asText(null));
        messages.accept("message_delta", delta);
      }
      case "metadata" -> {
        ObjectNode delta = JsonCodec.object();
        delta.putObject("delta");
        if (event.path("usage").isObject()) {
          delta.set("usage", ConverseShapes.usage(event.get("usage")));
        }
        messages.accept("message_delta", delta);
        messages.accept("message_stop", JsonCodec.object());
      }
      default -> {
        // contentBlockStop and future events carry nothing the client needs
      }
    }
  }

  private void onDelta(int index, JsonNode delta) {
    ObjectNode out = JsonCodec.object();
    if (delta.has("text")) {
      ensureOpen(index, "text", JsonCodec.object().put("type", "text").put("text", ""));
      out.put("type", "text_delta").put("text", delta.get("text").asText());
    } else if (delta.has("toolUse")) {
      out.put("type", "input_json_delta")
          .put("partial_json", delta.get("toolUse").path("input").asText(""));
    } else if (delta.has("reasoningContent")) {
      JsonNode reasoning = delta.get("reasoningContent");
      if (reasoning.has("redactedContent")) {
        ObjectNode block = JsonCodec.object().put("type", "redacted_thinking");
        block.put("data", reasoning.get("redactedContent").asText());
        ensureOpen(index, "redacted_thinking", block);
        return;
      }
      ensureOpen(index, "thinking", JsonCodec.object().put("type", "thinking").put("thinking", ""));
      if (reasoning.has("signature")) {
        out.put("type", "signature_delta").put("signature", reasoning.get("signature").asText());
      } else {
        out.put("type", "thinking_delta").put("thinking", reasoning.path("text").asText(""));
      }
    } else {
      return; // citations and future delta kinds
    }
    ObjectNode event = JsonCodec.object();
    event.put("index", index);
    event.set("delta", out);
    messages.accept("content_block_delta", event);
  }

  private void ensureOpen(int index, String kind, ObjectNode block) {
    if (!openBlocks.containsKey(index)) {
      open(index, kind, block);
    }
  }

  private void open(int index, String kind, ObjectNode block) {
    openBlocks.put(index, kind);
    ObjectNode event = JsonCodec.object();
    event.put("index", index);
    event.set("content_block", block);
    messages.accept("content_block_start", event);
  }

  private static String header(Message frame, String name) {
    HeaderValue value = frame.getHeaders().get(name);
    return value == null ? null : value.getString();
  }
}
