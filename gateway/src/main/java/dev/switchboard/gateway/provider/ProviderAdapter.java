package dev.switchboard.gateway.provider;

import io.vertx.core.Future;

/**
 * Speaks one provider family's wire protocol: sends an OpenAI-shaped chat request upstream and
 * gives back an OpenAI-shaped answer, whole or as a stream of chunks.
 */
public interface ProviderAdapter {

  /**
   * Sends a non-streaming request. Fails with {@link UpstreamFailure} when the upstream refuses,
   * errors, or cannot be reached.
   */
  Future<ChatCompletion> complete(UpstreamCall call);

  /**
   * Opens a streaming request. Completes once the upstream accepted it (2xx headers), failing with
   * {@link UpstreamFailure} otherwise; chunks then flow through the returned stream.
   */
  Future<ChunkStream> stream(UpstreamCall call);
}
