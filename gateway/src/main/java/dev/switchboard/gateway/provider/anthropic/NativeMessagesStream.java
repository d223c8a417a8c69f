package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.NativeEvents;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.StreamTranslation;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import dev.switchboard.gateway.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Relays an Anthropic event stream to a client that itself speaks Messages: every upstream event
 * travels verbatim (citations, server tools, compaction and future events included), attached to
 * the chat chunks the ordinary translation makes of it, which the pipeline measures and checks.
 */
final class NativeMessagesStream implements StreamTranslation {
  private final Consumer<ObjectNode> sink;
  private final List<ObjectNode> translated = new ArrayList<>(4);
  private final AnthropicStreamTranslator translator;
  private final SseDecoder decoder;

  NativeMessagesStream(Consumer<ObjectNode> sink) {
    this(sink, SseDecoder.DEFAULT_MAX_EVENT_BYTES);
  }

  /** Creates a relay that fails on an event larger than {@code maxEventBytes}. */
  NativeMessagesStream(Consumer<ObjectNode> sink, int maxEventBytes) {
    this.sink = sink;
    this.decoder = new SseDecoder(this::accept, maxEventBytes);
    this.translator = new AnthropicStreamTranslator(translated::add, false);
  }

  private void accept(SseEvent event) {
    translated.clear();
    translator.accept(event);
    if (event.data() == null || event.data().isBlank()) {
      return;
    }
    ObjectNode carrier;
    if (translated.isEmpty()) {
      carrier = JsonCodec.object().put("object", "chat.completion.chunk");
      carrier.putArray("choices");
      translated.add(carrier);
    } else {
      // the last chunk of an event is its error, if any: the relay must still see it there
      carrier = translated.get(translated.size() - 1);
    }
    NativeEvents.attach(carrier, event.event(), event.data());
    translated.forEach(sink);
  }

  @Override
  public void feed(Buffer bytes) {
    decoder.feed(bytes);
  }

  @Override
  public String end() {
    decoder.end();
    return translator.complete() ? null : "The provider's stream ended before the message was complete.";
  }

  @Override
  public ResponseSummary summary() {
    return translator.summary();
  }

  @Override
  public String completionText() {
    return translator.completionText();
  }
}
