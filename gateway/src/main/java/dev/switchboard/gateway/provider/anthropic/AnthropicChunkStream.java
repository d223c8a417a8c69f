package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.UpstreamFailures;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * Relays an Anthropic SSE response as OpenAI chunks while its bytes arrive: decodes the event
 * stream, translates each event at once, and reports the measured answer when the stream ends. A
 * stream that closes before {@code message_stop} (and without an {@code error} event) was cut off
 * and ends with a failure.
 */
final class AnthropicChunkStream implements ChunkStream {
  private final HttpClientResponse response;
  private final AnthropicStreamTranslator translator;
  private final SseDecoder decoder;
  private Handler<ObjectNode> chunkHandler = chunk -> {};
  private Handler<StreamEnd> endHandler = end -> {};
  private boolean ended;
  private boolean paused;

  AnthropicChunkStream(HttpClientResponse response, boolean excludeReasoning) {
    this.response = response;
    this.translator =
        new AnthropicStreamTranslator(chunk -> chunkHandler.handle(chunk), excludeReasoning);
    this.decoder =
        new SseDecoder(
            event -> {
              if (!ended) {
                translator.accept(event);
              }
            });
    response.handler(this::onBytes);
    response.endHandler(v -> onUpstreamEnd());
    response.exceptionHandler(t -> finish(UpstreamFailures.classify(t)));
  }

  @Override
  public ChunkStream handler(Handler<ObjectNode> handler) {
    this.chunkHandler = handler;
    if (!paused) {
      response.resume();
    }
    return this;
  }

  @Override
  public ChunkStream endHandler(Handler<StreamEnd> handler) {
    this.endHandler = handler;
    return this;
  }

  @Override
  public ChunkStream pause() {
    paused = true;
    response.pause();
    return this;
  }

  @Override
  public ChunkStream resume() {
    paused = false;
    response.resume();
    return this;
  }

  @Override
  public StreamEnd cancel() {
    ended = true;
    response.request().reset();
    return new StreamEnd(translator.summary(), translator.completionText(), null);
  }

  private void onBytes(Buffer bytes) {
    if (ended) {
      return;
    }
    try {
      decoder.feed(bytes);
    } catch (RuntimeException e) {
      fail(e.getMessage());
    }
  }

  private void onUpstreamEnd() {
    if (ended) {
      return;
    }
    try {
      decoder.end();
    } catch (RuntimeException e) {
      fail(e.getMessage());
      return;
    }
    if (!translator.complete()) {
      fail("The provider's stream ended before the message was complete.");
      return;
    }
    finish(null);
  }

  private void fail(String message) {
    finish(
        new UpstreamFailure(
            UpstreamFailure.Kind.BAD_RESPONSE,
            new UpstreamError(502, "upstream_error", "bad_response", message, null)));
    response.request().reset();
  }

  private void finish(UpstreamFailure failure) {
    if (ended) {
      return;
    }
    ended = true;
    endHandler.handle(new StreamEnd(translator.summary(), translator.completionText(), failure));
  }
}
