package dev.switchboard.gateway.provider.openaicompat;

import dev.switchboard.config.ProviderConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Works out where a chat request goes and which headers carry the key, per {@link
 * OpenAiCompatQuirks.Endpoint}.
 */
final class UpstreamEndpoint {

  /**
   * The Azure OpenAI data-plane version used when the base URL names none (latest GA, see
   * https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle). Set another with
   * {@code base_url: https://res.openai.azure.com?api-version=2025-04-01-preview}.
   */
  static final String AZURE_DEFAULT_API_VERSION = "2024-10-21";

  private UpstreamEndpoint() {}

  /** Returns the absolute chat completions URL for {@code upstreamModel}. */
  static String url(ProviderConfig provider, OpenAiCompatQuirks quirks, String upstreamModel) {
    URI base = provider.baseUrl();
    String root = base.getScheme() + "://" + base.getRawAuthority();
    String path = stripTrailingSlash(base.getRawPath() == null ? "" : base.getRawPath());
    String query = base.getRawQuery();
    if (quirks.endpoint() == OpenAiCompatQuirks.Endpoint.AZURE && !path.endsWith("/v1")) {
      if (!path.endsWith("/openai")) {
        path += "/openai";
      }
      path +=
          "/deployments/"
              + URLEncoder.encode(upstreamModel, StandardCharsets.UTF_8).replace("+", "%20");
      if (query == null || !query.contains("api-version=")) {
        query =
            (query == null || query.isEmpty() ? "" : query + "&")
                + "api-version="
                + AZURE_DEFAULT_API_VERSION;
      }
    }
    String url = root + path + "/chat/completions";
    return query == null || query.isEmpty() ? url : url + "?" + query;
  }

  /**
   * Returns the headers that authenticate the request: {@code api-key} for Azure, else {@code
   * Authorization: Bearer}; none when no key is configured. Never logged.
   */
  static Map<String, String> authHeaders(OpenAiCompatQuirks quirks, String key) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (key == null || key.isEmpty()) {
      return headers;
    }
    if (quirks.endpoint() == OpenAiCompatQuirks.Endpoint.AZURE) {
      headers.put("api-key", key);
    } else {
      headers.put("Authorization", "Bearer " + key);
    }
    return headers;
  }

  private static String stripTrailingSlash(String path) {
    String trimmed = path;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
