package dev.switchboard.gateway.provider.openaicompat;

import dev.switchboard.gateway.provider.BoundedBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.EmbeddingAnswer;
import dev.switchboard.gateway.provider.EmbeddingInput;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.UpstreamFailures;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends embedding requests to OpenAI-compatible servers: {@code POST .../embeddings} beside the
 * provider's chat completions URL (Azure deployments and query included), same key headers;
 * vectors always asked for as floats (the embeddings dialect encodes base64 itself).
 */
final class OpenAiEmbeddings {
  private final HttpClient client;
  private final ServerConfig server;
  private final PreparedEndpoints endpoints;

  OpenAiEmbeddings(HttpClient client, ServerConfig server, PreparedEndpoints endpoints) {
    this.client = client;
    this.server = server;
    this.endpoints = endpoints;
  }

  Future<ChatCompletion> embed(UpstreamCall call) {
    ProviderConfig provider = call.target().provider();
    EmbeddingInput input = EmbeddingInput.of(call);
    RequestOptions options;
    try {
      PreparedEndpoints.Prepared endpoint = endpoints.of(provider, call.target().upstreamModel());
      options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(endpoint.url().toString().replace("/chat/completions", "/embeddings"))
              .setConnectTimeout(server.upstreamConnectTimeout().toMillis())
              .setIdleTimeout(server.upstreamTimeout().toMillis())
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
              .putHeader(HttpHeaders.ACCEPT, "application/json");
      endpoint.headers().forEach(options::putHeader);
    } catch (SecretRef.MissingSecretException e) {
      return Future.failedFuture(UpstreamFailures.missingKey(provider.id(), e.variable()));
    }
    ObjectNode body = JsonCodec.object();
    body.put("model", call.target().upstreamModel());
    body.set("input", input.raw());
    if (input.dimensions() != null) {
      body.put("dimensions", input.dimensions());
    }
    body.put("encoding_format", "float");
    if (input.user() != null) {
      body.put("user", input.user());
    }
    return client
        .request(call.forwardTrace(options))
        .compose(request -> request.send(JsonCodec.write(body)))
        .compose(response -> BoundedBody.read(response, server.maxUpstreamBodyBytes()).map(bytes -> read(response.statusCode(), response.headers(), bytes)))
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  private static ChatCompletion read(int status, io.vertx.core.MultiMap headers, Buffer bytes) {
    if (status < 200 || status >= 300) {
      throw new UpstreamFailure(
          UpstreamFailure.Kind.HTTP_ERROR, OpenAiErrorParser.parse(status, bytes, headers));
    }
    JsonNode json = EmbeddingAnswer.json(bytes, "The provider");
    if (json == null || !json.path("data").isArray()) {
      throw UpstreamFailures.badResponse("The provider returned an embeddings response without data.");
    }
    List<float[]> vectors = new ArrayList<>();
    for (JsonNode item : json.get("data")) {
      int index = item.path("index").asInt(vectors.size());
      while (vectors.size() <= index) {
        vectors.add(null);
      }
      vectors.set(index, EmbeddingAnswer.vector(item.path("embedding")));
    }
    if (vectors.contains(null)) {
      throw UpstreamFailures.badResponse("The provider's embeddings response skips an index.");
    }
    JsonNode prompt = json.path("usage").path("prompt_tokens");
    return EmbeddingAnswer.of(
        vectors, prompt.isNumber() ? prompt.asLong() : null, json.path("model").asText(null));
  }
}
