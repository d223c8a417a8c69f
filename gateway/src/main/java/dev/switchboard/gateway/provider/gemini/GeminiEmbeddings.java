package dev.switchboard.gateway.provider.gemini;

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
 * Embeds with the Gemini API (https://ai.google.dev/api/embeddings): {@code embedContent} for one
 * input, {@code batchEmbedContents} for a list. The API reports no token counts for embeddings,
 * so the usage is left unreported (the gateway estimates it) unless a {@code usageMetadata} comes.
 */
final class GeminiEmbeddings {
  private final HttpClient client;
  private final ServerConfig server;
  private final GeminiEndpoint endpoint;

  GeminiEmbeddings(HttpClient client, ServerConfig server, GeminiEndpoint endpoint) {
    this.client = client;
    this.server = server;
    this.endpoint = endpoint;
  }

  Future<ChatCompletion> embed(UpstreamCall call) {
    EmbeddingInput input = EmbeddingInput.of(call);
    if (!input.allText()) {
      return Future.failedFuture(input.tokenInputRefused("Gemini"));
    }
    ProviderConfig provider = call.target().provider();
    String model = call.target().upstreamModel();
    String name = model.startsWith("models/") ? model : "models/" + model;
    boolean single = input.raw().isTextual();
    ObjectNode body = JsonCodec.object();
    if (single) {
      content(body, name, input.texts().get(0), input.dimensions());
    } else {
      ArrayNode requests = body.putArray("requests");
      input.texts().forEach(text -> content(requests.addObject(), name, text, input.dimensions()));
    }
    String url =
        endpoint.url(provider, model, false)
            .replace(":generateContent", single ? ":embedContent" : ":batchEmbedContents");
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setConnectTimeout(server.upstreamConnectTimeout().toMillis())
            .setIdleTimeout(server.upstreamTimeout().toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    return endpoint
        .authorize(provider, call.forwardTrace(options))
        .compose(client::request)
        .compose(request -> request.send(JsonCodec.write(body)))
        .compose(response -> BoundedBody.read(response, server.maxUpstreamBodyBytes()).map(bytes -> read(response, bytes, model)))
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  private static void content(ObjectNode request, String model, String text, Integer dimensions) {
    request.put("model", model);
    request.putObject("content").putArray("parts").addObject().put("text", text);
    if (dimensions != null) {
      request.put("outputDimensionality", dimensions);
    }
  }

  private static ChatCompletion read(HttpClientResponse response, Buffer bytes, String model) {
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new UpstreamFailure(
          UpstreamFailure.Kind.HTTP_ERROR,
          GeminiErrorMapper.parse(response.statusCode(), bytes, response.headers()));
    }
    JsonNode json = EmbeddingAnswer.json(bytes, "Gemini");
    List<float[]> vectors = new ArrayList<>();
    if (json != null && json.path("embedding").isObject()) {
      vectors.add(EmbeddingAnswer.vector(json.get("embedding").path("values")));
    } else if (json != null && json.path("embeddings").isArray()) {
      json.get("embeddings").forEach(e -> vectors.add(EmbeddingAnswer.vector(e.path("values"))));
    } else {
      throw UpstreamFailures.badResponse("Gemini returned an embeddings response without embeddings.");
    }
    JsonNode tokens = json.path("usageMetadata").path("promptTokenCount");
    return EmbeddingAnswer.of(vectors, tokens.isNumber() ? tokens.asLong() : null, model);
  }
}
