package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.UpstreamFailures;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import dev.switchboard.gateway.provider.sse.SseEvent;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClientResponse;

/**
 * Decodes an upstream OpenAI-compatible SSE response into chunk objects as bytes arrive, measuring
 * usage, finish reason and tool calls on the way, then normalizing each chunk for the client.
 */
final class SseChunkStream implements ChunkStream {
  private final HttpClientResponse response;
  private final AnswerNormalizer normalizer;
  private final ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
  private final SseDecoder decoder = new SseDecoder(this::onEvent);
  private Handler<ObjectNode> chunkHandler = chunk -> {};
  private Handler<StreamEnd> endHandler = end -> {};
  private boolean ended;
  private boolean paused;

  SseChunkStream(HttpClientResponse response, AnswerNormalizer normalizer) {
    this.response = response;
    this.normalizer = normalizer;
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
    return new StreamEnd(accumulator.summary(), accumulator.completionText(), null);
  }

  private void onBytes(io.vertx.core.buffer.Buffer bytes) {
    if (ended) {
      return;
    }
    try {
      decoder.feed(bytes);
    } catch (RuntimeException e) {
      fail(e.getMessage());
    }
  }

  private void onEvent(SseEvent event) {
    if (ended || event.isDone() || event.data() == null || event.data().isBlank()) {
      return;
    }
    JsonNode json;
    try {
      json = JsonCodec.mapper().readTree(event.data());
    } catch (Exception e) {
      fail("The provider sent a stream event that is not valid JSON.");
      return;
    }
    if (!json.isObject()) {
      fail("The provider sent a stream event that is not a JSON object.");
      return;
    }
    ObjectNode chunk = (ObjectNode) json;
    accumulator.accept(chunk); // measure what the provider sent, before the client's view of it
    normalizer.chunk(chunk);
    chunkHandler.handle(chunk);
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
    endHandler.handle(new StreamEnd(accumulator.summary(), accumulator.completionText(), failure));
  }
}
