package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.provider.UpstreamFailures;
import io.vertx.core.Future;
import io.vertx.core.http.RequestOptions;

/**
 * Addresses Anthropic's own API: {@code POST {base_url}/messages}, the model in the body, the key
 * in {@code x-api-key} and the version in {@code anthropic-version}.
 */
final class AnthropicApi implements MessagesEndpoint {

  @Override
  public String url(ProviderConfig provider, String model, boolean stream) {
    String base = provider.baseUrl().toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/messages";
  }

  @Override
  public void address(ObjectNode body, String model) {
    body.put("model", model);
  }

  @Override
  public Future<RequestOptions> authorize(ProviderConfig provider, RequestOptions options) {
    options.putHeader("anthropic-version", AnthropicAdapter.API_VERSION);
    try {
      provider.apiKey().resolve().ifPresent(key -> options.putHeader("x-api-key", key));
    } catch (SecretRef.MissingSecretException e) {
      return Future.failedFuture(UpstreamFailures.missingKey(provider.id(), e.variable()));
    }
    return Future.succeededFuture(options);
  }
}
