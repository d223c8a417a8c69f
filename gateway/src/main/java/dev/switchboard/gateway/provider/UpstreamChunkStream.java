package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.sse.SseEventTooLargeException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Relays a streamed upstream response as OpenAI chunks with the response's own flow control: the
 * bytes go to the provider's {@link StreamTranslation} as they arrive, and the stream ends once,
 * with what was measured, when the body ends, fails or is cancelled.
 */
public final class UpstreamChunkStream implements ChunkStream {
  /** The config key named when one event is too large. */
  public static final String EVENT_LIMIT_KEY = "server.max_upstream_event_bytes";

  private final HttpClientResponse response;
  private final StreamTranslation translation;
  private Handler<ObjectNode> chunkHandler = chunk -> {};
  private Handler<StreamEnd> endHandler = end -> {};
  private boolean ended;
  private boolean paused;

  private UpstreamChunkStream(
      HttpClientResponse response, Function<Consumer<ObjectNode>, StreamTranslation> translation) {
    this.response = response;
    // a chunk handler may cancel the stream: the rest of the bytes in hand are then not relayed
    this.translation = translation.apply(chunk -> {
      if (!ended) {
        chunkHandler.handle(chunk);
      }
    });
    response.handler(this::onBytes);
    response.endHandler(v -> onUpstreamEnd());
    response.exceptionHandler(t -> finish(UpstreamFailures.classify(t)));
  }

  /**
   * Starts relaying {@code response}, a paused 2xx stream, through the translation made for the
   * chunk sink it is given; bytes flow once a chunk handler is attached.
   */
  public static ChunkStream of(
      HttpClientResponse response, Function<Consumer<ObjectNode>, StreamTranslation> translation) {
    return new UpstreamChunkStream(response, translation);
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
    return measured(null);
  }

  private void onBytes(Buffer bytes) {
    if (ended) {
      return;
    }
    try {
      translation.feed(bytes);
    } catch (SseEventTooLargeException e) {
      finish(UpstreamFailures.tooLarge("stream event", e.maxEventBytes(), EVENT_LIMIT_KEY));
      response.request().reset();
    } catch (RuntimeException e) {
      fail(e.getMessage());
    }
  }

  private void onUpstreamEnd() {
    if (ended) {
      return;
    }
    String cutOff;
    try {
      cutOff = translation.end();
    } catch (RuntimeException e) {
      fail(e.getMessage());
      return;
    }
    if (cutOff != null) {
      fail(cutOff);
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
    endHandler.handle(measured(failure));
  }

  private StreamEnd measured(UpstreamFailure failure) {
    return new StreamEnd(translation.summary(), translation.completionText(), failure);
  }
}
