package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.config.ProviderConfig;
import io.vertx.core.Future;
import io.vertx.core.http.RequestOptions;

/**
 * Says where a {@code generateContent} request is sent and how it proves who sends it: the Gemini
 * API with an API key, or Vertex AI with an OAuth2 token. The bodies are the same.
 */
public interface GeminiEndpoint {

  /** Returns the URL of {@code generateContent}, or of {@code streamGenerateContent}. */
  String url(ProviderConfig provider, String model, boolean stream);

  /**
   * Adds the credentials to {@code options}; may first fetch a token.
   *
   * @return a failed future with an {@code UpstreamFailure} when no credentials can be had
   */
  Future<RequestOptions> authorize(ProviderConfig provider, RequestOptions options);
}
