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
 * @param collectsData whether the provider may store or train on requests; null is unknown,
 *     which requests asking for {@code data_collection: deny} treat as yes
 */
public record ProviderConfig(
    String id,
    ProviderKind kind,
    URI baseUrl,
    SecretRef apiKey,
    Map<String, String> headers,
    Boolean collectsData) {

  public ProviderConfig {
    headers = Map.copyOf(headers);
  }

  /** Returns a provider whose data policy is unknown. */
  public ProviderConfig(
      String id, ProviderKind kind, URI baseUrl, SecretRef apiKey, Map<String, String> headers) {
    this(id, kind, baseUrl, apiKey, headers, null);
  }
}
