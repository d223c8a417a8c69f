package dev.switchboard.gateway.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.StreamEnd;
import io.vertx.core.Handler;

/**
 * Decorates an upstream stream with its attempt's timers: each chunk feeds them, and when one runs
 * out the upstream is cancelled and the stream ends with a timeout failure, like any other
 * upstream failure. Also notes when the first chunk arrived.
 */
final class WatchedChunkStream implements ChunkStream {
  private final ChunkStream upstream;
  private final AttemptTimers timers;
  private final Ticker ticker;
  private Handler<StreamEnd> endHandler = end -> {};
  private Long firstChunkNanos;
  private TimeoutKind expired;
  private boolean ended;

  WatchedChunkStream(ChunkStream upstream, AttemptTimers timers, Ticker ticker) {
    this.upstream = upstream;
    this.timers = timers;
    this.ticker = ticker;
    timers.redirect(this::expire);
    upstream.endHandler(this::onEnd);
  }

  @Override
  public ChunkStream handler(Handler<ObjectNode> chunkHandler) {
    upstream.handler(
        chunk -> {
          if (ended) {
            return;
          }
          if (firstChunkNanos == null) {
            firstChunkNanos = ticker.nanos();
          }
          timers.chunk();
          chunkHandler.handle(chunk);
        });
    return this;
  }

  @Override
  public ChunkStream endHandler(Handler<StreamEnd> handler) {
    this.endHandler = handler;
    return this;
  }

  @Override
  public ChunkStream pause() {
    upstream.pause();
    timers.pause();
    return this;
  }

  @Override
  public ChunkStream resume() {
    upstream.resume();
    timers.resume();
    return this;
  }

  @Override
  public StreamEnd cancel() {
    ended = true;
    timers.stop();
    return upstream.cancel();
  }

  /** Returns the ticker time of the first chunk, or null before it. */
  Long firstChunkNanos() {
    return firstChunkNanos;
  }

  /** Returns the timeout that ended the stream, or null. */
  TimeoutKind expired() {
    return expired;
  }

  private void onEnd(StreamEnd end) {
    if (ended) {
      return;
    }
    ended = true;
    timers.stop();
    endHandler.handle(end);
  }

  private void expire(TimeoutKind kind) {
    if (ended) {
      return;
    }
    StreamEnd partial = upstream.cancel();
    ended = true;
    expired = kind;
    endHandler.handle(
        new StreamEnd(partial.summary(), partial.completionText(), kind.failure(timers.limit(kind))));
  }
}
