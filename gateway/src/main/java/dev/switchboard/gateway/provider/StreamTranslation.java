package dev.switchboard.gateway.provider;

import io.vertx.core.buffer.Buffer;

/**
 * Turns one provider's streamed response body into OpenAI chunks as its bytes arrive, measuring
 * the answer on the way: the provider's part of an {@link UpstreamChunkStream}. Fed from one
 * context; a malformed body is reported by throwing a {@link RuntimeException} whose message the
 * client may read.
 */
public interface StreamTranslation {

  /** Consumes the next bytes, emitting a chunk for every event they complete. */
  void feed(Buffer bytes);

  /** Ends the body; returns null when the answer is complete, else why it was cut off. */
  String end();

  /** Returns what was measured so far. */
  ResponseSummary summary();

  /** Returns the output text seen so far, for normalized token counting. */
  String completionText();
}
