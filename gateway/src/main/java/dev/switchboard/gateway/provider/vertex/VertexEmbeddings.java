package dev.switchboard.gateway.provider.vertex;

import dev.switchboard.gateway.provider.BoundedBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.EmbeddingAnswer;
import dev.switchboard.gateway.provider.EmbeddingInput;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.UpstreamFailures;
import dev.switchboard.gateway.provider.openaicompat.OpenAiErrorParser;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds with Vertex AI's text-embedding models ({@code gemini-embedding-001}, {@code
 * text-embedding-005}...) through {@code :predict}
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api):
 * one instance per input; each prediction reports its own {@code statistics.token_count}, summed.
 */
final class VertexEmbeddings {
  private final HttpClient client;
  private final ServerConfig server;
  private final VertexTokens tokens;

  VertexEmbeddings(HttpClient client, ServerConfig server, VertexTokens tokens) {
    this.client = client;
    this.server = server;
    this.tokens = tokens;
  }

  Future<ChatCompletion> embed(UpstreamCall call) {
    EmbeddingInput input = EmbeddingInput.of(call);
    if (!input.allText()) {
      return Future.failedFuture(input.tokenInputRefused("Vertex AI"));
    }
    ProviderConfig provider = call.target().provider();
    String model = VertexEndpoints.bareModel(call.target().upstreamModel());
    ObjectNode body = JsonCodec.object();
    ArrayNode instances = body.putArray("instances");
    input.texts().forEach(text -> instances.addObject().put("content", text));
    if (input.dimensions() != null) {
      body.putObject("parameters").put("outputDimensionality", input.dimensions());
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(VertexEndpoints.modelUrl(provider, "google", model) + ":predict")
            .setConnectTimeout(server.upstreamConnectTimeout().toMillis())
            .setIdleTimeout(server.upstreamTimeout().toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    return tokens
        .token(provider)
        .map(token -> call.forwardTrace(options).putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token))
        .compose(client::request)
        .compose(request -> request.send(JsonCodec.write(body)))
        .compose(response -> BoundedBody.read(response, server.maxUpstreamBodyBytes()).map(bytes -> read(response, bytes, model)))
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  private static ChatCompletion read(HttpClientResponse response, Buffer bytes, String model) {
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new UpstreamFailure(
          UpstreamFailure.Kind.HTTP_ERROR,
          OpenAiErrorParser.parse(response.statusCode(), bytes, response.headers()));
    }
    JsonNode json = EmbeddingAnswer.json(bytes, "Vertex AI");
    if (json == null || !json.path("predictions").isArray()) {
      throw UpstreamFailures.badResponse("Vertex AI returned an embeddings response without predictions.");
    }
    List<float[]> vectors = new ArrayList<>();
    long tokenCount = 0;
    boolean counted = false;
    for (JsonNode prediction : json.get("predictions")) {
      JsonNode embeddings = prediction.path("embeddings");
      vectors.add(EmbeddingAnswer.vector(embeddings.path("values")));
      JsonNode count = embeddings.path("statistics").path("token_count");
      if (count.isNumber()) {
        tokenCount += count.asLong();
        counted = true;
      }
    }
    return EmbeddingAnswer.of(vectors, counted ? tokenCount : null, model);
  }
}
