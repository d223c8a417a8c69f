package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.provider.ChunkStream;
import io.vertx.core.Future;

/**
 * Takes an opened upstream stream and relays it to the client: the hook that lets the dispatcher
 * retry a stream that failed before its first chunk reached the client.
 */
public interface StreamConsumer {

  /**
   * Relays {@code stream}, served by {@code target}. The future reports {@link
   * StreamOutcome#notRelayed} when the stream ended or failed before any chunk was written (the
   * client has seen nothing, so another target may be tried), else {@link StreamOutcome#relayed}
   * once the relayed stream has ended and the client's response is complete.
   */
  Future<StreamOutcome> consume(ChunkStream stream, ResolvedTarget target);
}
