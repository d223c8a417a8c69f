package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.gateway.provider.UpstreamFailures;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamFailure;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * Relays a Gemini {@code alt=sse} response as OpenAI chunks as its bytes arrive, with the
 * response's own flow control; the stream ends when Gemini closes the body.
 */
final class GeminiChunkStream implements ChunkStream {
  private final HttpClientResponse response;
  private final GeminiStreamTranslator translator;
  private Handler<ObjectNode> chunkHandler = chunk -> {};
  private Handler<StreamEnd> endHandler = end -> {};
  private boolean ended;
  private boolean paused;

  GeminiChunkStream(HttpClientResponse response) {
    this.response = response;
    this.translator = new GeminiStreamTranslator(chunk -> chunkHandler.handle(chunk));
    response.handler(this::onBytes);
    response.endHandler(v -> onUpstreamEnd());
    response.exceptionHandler(t -> finish(UpstreamFailures.classify(t)));
  }

  @Override
  public ChunkStream handler(Handler<ObjectNode> handler) {
    this.chunkHandler = handler;
    if (!paused) {
      response.resume(); // the adapter paused the response until a handler was attached
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
      translator.feed(bytes);
    } catch (RuntimeException e) {
      fail(e.getMessage());
    }
  }

  private void onUpstreamEnd() {
    if (ended) {
      return;
    }
    try {
      translator.end();
    } catch (RuntimeException e) {
      fail(e.getMessage());
      return;
    }
    finish(null);
  }

  private void fail(String message) {
    finish(UpstreamFailures.badResponse(message));
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
