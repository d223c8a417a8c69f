package dev.switchboard.gateway.provider.vertex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.GcpAccount;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.gateway.provider.anthropic.MessagesEndpoint;
import dev.switchboard.gateway.provider.gemini.GeminiAdapter;
import dev.switchboard.gateway.provider.gemini.GeminiEndpoint;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;

/**
 * Addresses the two model families Vertex AI serves with their own APIs: Gemini under {@code
 * publishers/google} and Claude under {@code publishers/anthropic}
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/use-claude).
 */
final class VertexEndpoints {
  /** The Messages version Vertex expects in the body instead of a header. */
  static final String CLAUDE_VERSION = "vertex-2023-10-16";

  private VertexEndpoints() {}

  /** Returns {@code {base}/projects/{p}/locations/{l}/publishers/{publisher}/models/{model}}. */
  static String modelUrl(ProviderConfig provider, String publisher, String model) {
    GcpAccount account = provider.gcp();
    String base = provider.baseUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base
        + "/projects/"
        + account.project()
        + "/locations/"
        + account.location()
        + "/publishers/"
        + publisher
        + "/models/"
        + bareModel(model);
  }

  /** Drops a {@code google/} or {@code anthropic/} publisher prefix the route may carry. */
  static String bareModel(String model) {
    int slash = model.lastIndexOf('/');
    return slash < 0 ? model : model.substring(slash + 1);
  }

  private static Future<RequestOptions> bearer(
      VertexTokens tokens, ProviderConfig provider, RequestOptions options) {
    return tokens
        .token(provider)
        .map(token -> options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token));
  }

  /** Gemini on Vertex: the Gemini API's bodies under the project's publisher path. */
  record Gemini(VertexTokens tokens) implements GeminiEndpoint {
    @Override
    public String url(ProviderConfig provider, String model, boolean stream) {
      return modelUrl(provider, "google", model) + GeminiAdapter.method(stream);
    }

    @Override
    public Future<RequestOptions> authorize(ProviderConfig provider, RequestOptions options) {
      return bearer(tokens, provider, options);
    }
  }

  /** Claude on Vertex: Messages bodies, the model in the URL, the version in the body. */
  record Claude(VertexTokens tokens) implements MessagesEndpoint {
    @Override
    public String url(ProviderConfig provider, String model, boolean stream) {
      return modelUrl(provider, "anthropic", model) + (stream ? ":streamRawPredict" : ":rawPredict");
    }

    @Override
    public void address(ObjectNode body, String model) {
      body.remove("model");
      body.put("anthropic_version", CLAUDE_VERSION);
    }

    @Override
    public Future<RequestOptions> authorize(ProviderConfig provider, RequestOptions options) {
      return bearer(tokens, provider, options);
    }
  }
}
