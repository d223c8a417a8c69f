package dev.switchboard.config;

import java.net.URI;
import java.util.Map;

/**
 * Describes one upstream provider account.
 *
 * @param id unique name routes refer to
 * @param baseUrl API root, e.g. {@code https://api.openai.com/v1}
 * @param apiKey the key, resolved from the environment only when the provider is used
 * @param headers extra headers sent on every upstream request
 */
public record ProviderConfig(
    String id, ProviderKind kind, URI baseUrl, SecretRef apiKey, Map<String, String> headers) {

  public ProviderConfig {
    headers = Map.copyOf(headers);
  }
}
