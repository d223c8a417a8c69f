package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.provider.UpstreamFailures;
import io.vertx.core.Future;
import io.vertx.core.http.RequestOptions;

/**
 * Addresses the Gemini API: {@code {base_url}/models/{model}:generateContent} with the key in the
 * {@code x-goog-api-key} header, never in the URL.
 */
final class GeminiApi implements GeminiEndpoint {
  /** Header the Gemini API reads the key from (https://ai.google.dev/api#authentication). */
  static final String API_KEY_HEADER = "x-goog-api-key";

  @Override
  public String url(ProviderConfig provider, String model, boolean stream) {
    String base = provider.baseUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
    return base + "/models/" + name + GeminiAdapter.method(stream);
  }

  @Override
  public Future<RequestOptions> authorize(ProviderConfig provider, RequestOptions options) {
    try {
      provider.apiKey().resolve().ifPresent(key -> options.putHeader(API_KEY_HEADER, key));
    } catch (SecretRef.MissingSecretException e) {
      return Future.failedFuture(UpstreamFailures.missingKey(provider.id(), e.variable()));
    }
    return Future.succeededFuture(options);
  }
}
