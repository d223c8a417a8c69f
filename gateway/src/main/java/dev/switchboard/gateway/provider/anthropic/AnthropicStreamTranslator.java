package dev.switchboard.gateway.provider.anthropic;

import static dev.switchboard.gateway.provider.anthropic.AnthropicJson.object;
import static dev.switchboard.gateway.provider.anthropic.AnthropicJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.MalformedStreamException;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.StreamTranslation;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import dev.switchboard.gateway.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Translates Anthropic's named stream events into OpenAI {@code chat.completion.chunk} objects as
 * each event arrives, measuring the answer on the way. Text, thinking and tool-argument fragments
 * are relayed at once, never buffered; a parallel tool call keeps its own {@code index} (its
 * ordinal among the message's {@code tool_use} blocks). Event order per
 * https://platform.claude.com/docs/en/build-with-claude/streaming; unknown events and delta types
 * are ignored. Not thread-safe: feed it from one context.
 */
final class AnthropicStreamTranslator implements StreamTranslation {

  private enum BlockKind {
    TEXT,
    THINKING,
    TOOL,
    OTHER
  }

  /** What a content block index stands for: its kind and its tool or reasoning ordinal. */
  private record Block(BlockKind kind, int ordinal) {}

  private final Consumer<ObjectNode> sink;
  private final boolean excludeReasoning;
  private final AnswerTally tally = new AnswerTally();
  private final Map<Integer, Block> blocks = new HashMap<>();
  private final SseDecoder decoder;
  private String messageId;
  private String servedModel;
  private int toolCalls;
  private int reasoningBlocks;
  private boolean usageSent;
  private boolean complete;

  /**
   * Creates a translator sending each chunk to {@code sink}.
   *
   * @param excludeReasoning measure thinking but do not relay it ({@code reasoning.exclude})
   */
  AnthropicStreamTranslator(Consumer<ObjectNode> sink, boolean excludeReasoning) {
    this(sink, excludeReasoning, SseDecoder.DEFAULT_MAX_EVENT_BYTES);
  }

  /** Creates a translator that fails on an event larger than {@code maxEventBytes}. */
  AnthropicStreamTranslator(Consumer<ObjectNode> sink, boolean excludeReasoning, int maxEventBytes) {
    this.sink = sink;
    this.excludeReasoning = excludeReasoning;
    this.decoder = new SseDecoder(this::accept, maxEventBytes);
  }

  /**
   * Handles one event.
   *
   * @throws MalformedStreamException when its data is not a JSON object
   */
  void accept(SseEvent event) {
    if (event.data() == null || event.data().isBlank()) {
      return;
    }
    JsonNode data;
    try {
      data = JsonCodec.mapper().readTree(event.data());
    } catch (Exception e) {
      throw new MalformedStreamException("The provider sent a stream event that is not valid JSON.");
    }
    if (data == null || !data.isObject()) {
      throw new MalformedStreamException(
          "The provider sent a stream event that is not a JSON object.");
    }
    String type = text(data, "type");
    handle(type != null ? type : event.event(), data);
  }

  /** Handles one event already parsed: {@code type} names it, {@code data} is its JSON object. */
  void handle(String type, JsonNode data) {
    switch (String.valueOf(type)) {
      case "message_start" -> onMessageStart(object(data, "message"));
      case "content_block_start" ->
          onBlockStart(data.path("index").asInt(), object(data, "content_block"));
      case "content_block_delta" -> onBlockDelta(data.path("index").asInt(), object(data, "delta"));
      case "message_delta" -> onMessageDelta(data);
      case "message_stop" -> onMessageStop();
      case "error" -> onError(data);
      default -> {
        // ping, content_block_stop and future events carry nothing the client needs
      }
    }
  }

  /** Returns whether the stream reached {@code message_stop} or an {@code error} event. */
  boolean complete() {
    return complete;
  }

  /**
   * Decodes the next bytes of the body into events and handles each.
   *
   * @throws MalformedStreamException when an event's data is not a JSON object
   */
  @Override
  public void feed(Buffer bytes) {
    decoder.feed(bytes);
  }

  /** Ends the body: a stream that stops before {@code message_stop} (or an error) was cut off. */
  @Override
  public String end() {
    decoder.end();
    return complete ? null : "The provider's stream ended before the message was complete.";
  }

  @Override
  public ResponseSummary summary() {
    return tally.summary();
  }

  @Override
  public String completionText() {
    return tally.completionText();
  }

  private void onMessageStart(JsonNode message) {
    messageId = text(message, "id");
    servedModel = text(message, "model");
    tally.model(servedModel);
    tally.usage(object(message, "usage"));
    ObjectNode delta = JsonCodec.object();
    delta.put("role", "assistant");
    delta.put("content", "");
    emit(delta);
  }

  private void onBlockStart(int index, JsonNode block) {
    String type = text(block, "type");
    if ("text".equals(type)) {
      blocks.put(index, new Block(BlockKind.TEXT, 0));
      relayText(text(block, "text"));
    } else if ("thinking".equals(type)) {
      blocks.put(index, new Block(BlockKind.THINKING, reasoningBlocks++));
      relayThinking(blocks.get(index).ordinal(), text(block, "thinking"));
    } else if ("redacted_thinking".equals(type)) {
      int ordinal = reasoningBlocks++;
      blocks.put(index, new Block(BlockKind.OTHER, ordinal));
      if (!excludeReasoning) {
        ObjectNode delta = JsonCodec.object();
        delta
            .putArray("reasoning_details")
            .add(ReasoningDetail.encrypted(text(block, "data"), ordinal));
        emit(delta);
      }
    } else if ("tool_use".equals(type)) {
      int ordinal = toolCalls++;
      blocks.put(index, new Block(BlockKind.TOOL, ordinal));
      String name = String.valueOf(text(block, "name"));
      tally.toolCall(name);
      ObjectNode call = toolCallDelta(ordinal);
      call.put("id", text(block, "id"));
      call.put("type", "function");
      call.putObject("function").put("name", name).put("arguments", "");
      emit(wrapToolCall(call));
    } else {
      blocks.put(index, new Block(BlockKind.OTHER, 0)); // server tools and their results
    }
  }

  private void onBlockDelta(int index, JsonNode delta) {
    Block block = blocks.getOrDefault(index, new Block(BlockKind.OTHER, 0));
    String type = String.valueOf(text(delta, "type"));
    switch (type) {
      case "text_delta" -> relayText(text(delta, "text"));
      case "thinking_delta" -> relayThinking(block.ordinal(), text(delta, "thinking"));
      case "signature_delta" -> relaySignature(block.ordinal(), text(delta, "signature"));
      case "input_json_delta" -> {
        String partial = text(delta, "partial_json");
        if (block.kind() == BlockKind.TOOL && partial != null && !partial.isEmpty()) {
          tally.toolArguments(partial);
          ObjectNode call = toolCallDelta(block.ordinal());
          call.putObject("function").put("arguments", partial);
          emit(wrapToolCall(call));
        }
      }
      default -> {
        // citations_delta, compaction_delta and future types are ignored
      }
    }
  }

  private void onMessageDelta(JsonNode data) {
    tally.usage(object(data, "usage"));
    String stopReason = text(object(data, "delta"), "stop_reason");
    if (stopReason == null) {
      return;
    }
    tally.stopReason(stopReason);
    ObjectNode choice = choice(JsonCodec.object());
    choice.put("finish_reason", AnthropicStopReason.normalize(stopReason).wireName());
    choice.put("native_finish_reason", stopReason);
    sink.accept(chunk(choice));
  }

  private void onMessageStop() {
    complete = true;
    sendUsage();
  }

  private void onError(JsonNode data) {
    fail(AnthropicErrorParser.inBand(data));
  }

  /** Ends the stream with {@code error}: usage so far, then an error chunk. */
  void fail(UpstreamError error) {
    tally.error(error);
    complete = true;
    sendUsage(); // before the error event: clients stop reading at an error
    ObjectNode chunk = chunk(null);
    ObjectNode body = chunk.putObject("error");
    body.put("message", error.message());
    body.put("type", error.type());
    body.put("code", error.code());
    body.putNull("param");
    sink.accept(chunk);
  }

  private void relayText(String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    tally.text(text);
    ObjectNode delta = JsonCodec.object();
    delta.put("content", text);
    emit(delta);
  }

  private void relayThinking(int ordinal, String thinking) {
    if (thinking == null || thinking.isEmpty()) {
      return;
    }
    tally.reasoning(thinking);
    if (excludeReasoning) {
      return;
    }
    ObjectNode delta = JsonCodec.object();
    delta.put("reasoning", thinking);
    delta.putArray("reasoning_details").add(ReasoningDetail.text(thinking, null, ordinal));
    emit(delta);
  }

  private void relaySignature(int ordinal, String signature) {
    if (signature == null || signature.isEmpty() || excludeReasoning) {
      return;
    }
    ObjectNode delta = JsonCodec.object();
    delta.putArray("reasoning_details").add(ReasoningDetail.text("", signature, ordinal));
    emit(delta);
  }

  private void sendUsage() {
    if (usageSent || !tally.tokenUsage().isReported()) {
      return;
    }
    usageSent = true;
    ObjectNode chunk = chunk(null);
    chunk.set("usage", AnthropicUsage.toOpenAi(tally.tokenUsage()));
    sink.accept(chunk);
  }

  private static ObjectNode toolCallDelta(int ordinal) {
    ObjectNode call = JsonCodec.object();
    call.put("index", ordinal);
    return call;
  }

  private static ObjectNode wrapToolCall(ObjectNode call) {
    ObjectNode delta = JsonCodec.object();
    delta.putArray("tool_calls").add(call);
    return delta;
  }

  private void emit(ObjectNode delta) {
    ObjectNode choice = choice(delta);
    choice.putNull("finish_reason");
    sink.accept(chunk(choice));
  }

  private static ObjectNode choice(ObjectNode delta) {
    ObjectNode choice = JsonCodec.object();
    choice.put("index", 0);
    choice.set("delta", delta);
    return choice;
  }

  /** Returns a chunk holding {@code choice}, or no choice ({@code choices: []}) when null. */
  private ObjectNode chunk(ObjectNode choice) {
    ObjectNode chunk = JsonCodec.object();
    if (messageId != null) {
      chunk.put("id", messageId);
    }
    chunk.put("object", "chat.completion.chunk");
    if (servedModel != null) {
      chunk.put("model", servedModel);
    }
    if (choice == null) {
      chunk.putArray("choices");
    } else {
      chunk.putArray("choices").add(choice);
    }
    return chunk;
  }
}
