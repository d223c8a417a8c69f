package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.MalformedStreamException;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.StreamTranslation;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import dev.switchboard.gateway.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Decodes an OpenAI-compatible SSE body into chunk objects as bytes arrive, measuring usage,
 * finish reason and tool calls on the way, then normalizing each chunk for the client (or, for a
 * chat completions client, relaying a plain chunk's bytes as they came: see {@link
 * ChatAnswerScanner}).
 */
final class OpenAiStreamTranslation implements StreamTranslation {
  private final Consumer<ObjectNode> sink;
  private final AnswerNormalizer normalizer;
  private final ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
  private final SseDecoder decoder;
  private final boolean relay;

  OpenAiStreamTranslation(Consumer<ObjectNode> sink, AnswerNormalizer normalizer) {
    this(sink, normalizer, SseDecoder.DEFAULT_MAX_EVENT_BYTES, false);
  }

  /** Creates a translation that fails on an event larger than {@code maxEventBytes}. */
  OpenAiStreamTranslation(Consumer<ObjectNode> sink, AnswerNormalizer normalizer, int maxEventBytes) {
    this(sink, normalizer, maxEventBytes, false);
  }

  /**
   * Creates a translation that fails on an event larger than {@code maxEventBytes}. With {@code
   * relay} (the client speaks chat completions too) plain chunks are emitted as {@link RawObject}s:
   * scanned, not parsed into trees, so the client can get their bytes.
   */
  OpenAiStreamTranslation(
      Consumer<ObjectNode> sink, AnswerNormalizer normalizer, int maxEventBytes, boolean relay) {
    this.sink = sink;
    this.normalizer = normalizer;
    this.decoder = new SseDecoder(this::onEvent, maxEventBytes);
    this.relay = relay;
  }

  @Override
  public void feed(Buffer bytes) {
    decoder.feed(bytes);
  }

  @Override
  public String end() {
    decoder.end();
    return null; // the body's end is the answer's end: [DONE] is optional among compatible servers
  }

  @Override
  public ResponseSummary summary() {
    return accumulator.summary();
  }

  @Override
  public String completionText() {
    return accumulator.completionText();
  }

  private void onEvent(SseEvent event) {
    if (event.isDone() || event.data() == null || event.data().isBlank()) {
      return;
    }
    if (relay) {
      byte[] bytes = event.data().getBytes(StandardCharsets.UTF_8);
      ScannedAnswer scanned = ChatAnswerScanner.scan(bytes, true);
      if (scanned != null) {
        accumulator.accept(scanned);
        sink.accept(RawObject.of(bytes, scanned.layout()));
        return;
      }
    }
    JsonNode json;
    try {
      json = JsonCodec.mapper().readTree(event.data());
    } catch (Exception e) {
      throw new MalformedStreamException("The provider sent a stream event that is not valid JSON.");
    }
    if (!json.isObject()) {
      throw new MalformedStreamException("The provider sent a stream event that is not a JSON object.");
    }
    ObjectNode chunk = (ObjectNode) json;
    accumulator.accept(chunk); // measure what the provider sent, before the client's view of it
    normalizer.chunk(chunk);
    sink.accept(chunk);
  }
}
