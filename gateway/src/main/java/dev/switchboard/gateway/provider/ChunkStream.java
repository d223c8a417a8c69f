package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;

/**
 * Delivers an upstream answer as OpenAI {@code chat.completion.chunk} objects, one per upstream
 * event, as they arrive. Flow control follows Vert.x read streams: pause while the client's write
 * queue is full.
 */
public interface ChunkStream {

  /** Sets the handler that receives each chunk. */
  ChunkStream handler(Handler<ObjectNode> chunkHandler);

  /** Sets the handler called once when the stream ends, normally or not. */
  ChunkStream endHandler(Handler<StreamEnd> endHandler);

  /** Stops delivering chunks until {@link #resume()}. */
  ChunkStream pause();

  /** Resumes delivery. */
  ChunkStream resume();

  /** Abandons the upstream request (the client went away) and returns what was measured so far. */
  StreamEnd cancel();
}
