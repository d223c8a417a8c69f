package dev.switchboard.gateway.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import io.vertx.core.buffer.Buffer;

/**
 * Turns the pipeline's chat chunks into one dialect's server-sent events, appending each frame to
 * the buffer the relay writes. One instance per response, fed from one context.
 */
public interface StreamEncoder {

  /**
   * Appends the frames for one shaped {@code chat.completion.chunk}; a chunk with {@code usage}
   * carries its cost, one with {@code error} an in-band error.
   */
  void chunk(ObjectNode chunk, Buffer out);

  /** Appends the frames that tell the client the stream failed after it had begun. */
  void failed(ApiError error, Buffer out);

  /**
   * Appends the closing frames of a stream whose upstream ended normally.
   *
   * @param inBandError whether the stream carried an error chunk or an error finish
   */
  void finished(boolean inBandError, Buffer out);
}
