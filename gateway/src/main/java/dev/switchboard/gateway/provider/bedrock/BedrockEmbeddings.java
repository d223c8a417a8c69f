package dev.switchboard.gateway.provider.bedrock;

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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Embeds with Bedrock's InvokeModel ({@code POST /model/{id}/invoke}) in each family's own body:
 * Cohere Embed takes every text in one call ({@code texts}, {@code input_type}); Titan Text
 * Embeddings takes one {@code inputText} per call, so a list is sent as parallel calls. Input
 * tokens come from the {@code X-Amzn-Bedrock-Input-Token-Count} header Bedrock puts on every
 * invocation (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html,
 * model-parameters-titan-embed-text.html).
 */
final class BedrockEmbeddings {
  private static final String INPUT_TOKENS = "X-Amzn-Bedrock-Input-Token-Count";

  private final HttpClient client;
  private final ServerConfig server;
  private final BedrockAuth auth;
  private final Clock clock;

  BedrockEmbeddings(HttpClient client, ServerConfig server, BedrockAuth auth, Clock clock) {
    this.client = client;
    this.server = server;
    this.auth = auth;
    this.clock = clock;
  }

  /** One InvokeModel answer: its vectors and the input tokens Bedrock counted. */
  private record Invocation(List<float[]> vectors, Long inputTokens) {}

  Future<ChatCompletion> embed(UpstreamCall call) {
    EmbeddingInput input = EmbeddingInput.of(call);
    if (!input.allText()) {
      return Future.failedFuture(input.tokenInputRefused("Bedrock"));
    }
    String model = call.target().upstreamModel();
    Future<List<Invocation>> invocations;
    if (model.toLowerCase(Locale.ROOT).contains("cohere")) {
      ObjectNode body = JsonCodec.object();
      ArrayNode texts = body.putArray("texts");
      input.texts().forEach(texts::add);
      body.put("input_type", "search_document");
      if (input.dimensions() != null) {
        body.put("output_dimension", input.dimensions()); // Embed v4; v3 has fixed sizes
      }
      invocations = invoke(call, body).map(List::of);
    } else {
      List<Future<Invocation>> each = new ArrayList<>();
      for (String text : input.texts()) {
        ObjectNode body = JsonCodec.object().put("inputText", text);
        if (input.dimensions() != null) {
          body.put("dimensions", input.dimensions());
        }
        each.add(invoke(call, body));
      }
      invocations = Future.all(each).map(all -> all.<Invocation>list());
    }
    return invocations
        .map(
            all -> {
              List<float[]> vectors = new ArrayList<>();
              Long tokens = 0L;
              for (Invocation invocation : all) {
                vectors.addAll(invocation.vectors());
                tokens = tokens == null || invocation.inputTokens() == null ? null : tokens + invocation.inputTokens();
              }
              return EmbeddingAnswer.of(vectors, tokens, model);
            })
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  private Future<Invocation> invoke(UpstreamCall call, ObjectNode json) {
    ProviderConfig provider = call.target().provider();
    String url = BedrockAdapter.modelUrl(provider, call.target().upstreamModel()) + "/invoke";
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setConnectTimeout(server.upstreamConnectTimeout().toMillis())
            .setIdleTimeout(server.upstreamTimeout().toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, "application/json");
    byte[] body = JsonCodec.write(json).getBytes();
    try {
      auth.authorize(provider, call.forwardTrace(options), url, body);
    } catch (UpstreamFailure failure) {
      return Future.failedFuture(failure);
    }
    provider.headers().forEach(options::putHeader);
    return client
        .request(options)
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> BoundedBody.read(response, server.maxUpstreamBodyBytes()).map(bytes -> read(response, bytes)));
  }

  private Invocation read(HttpClientResponse response, Buffer bytes) {
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new UpstreamFailure(
          UpstreamFailure.Kind.HTTP_ERROR,
          BedrockErrorParser.parse(response.statusCode(), bytes, response.headers(), clock.instant()));
    }
    JsonNode json = EmbeddingAnswer.json(bytes, "Bedrock");
    List<float[]> vectors = new ArrayList<>();
    if (json != null && json.path("embedding").isArray()) {
      vectors.add(EmbeddingAnswer.vector(json.get("embedding"))); // Titan
    } else if (json != null && json.path("embeddings").isArray()) {
      json.get("embeddings").forEach(v -> vectors.add(EmbeddingAnswer.vector(v))); // Cohere v3
    } else if (json != null && json.path("embeddings").path("float").isArray()) {
      json.get("embeddings").get("float").forEach(v -> vectors.add(EmbeddingAnswer.vector(v)));
    } else {
      throw UpstreamFailures.badResponse("Bedrock returned an embeddings response without embeddings.");
    }
    Long tokens = null;
    String header = response.getHeader(INPUT_TOKENS);
    if (header != null) {
      try {
        tokens = Long.parseLong(header.trim());
      } catch (NumberFormatException e) {
        tokens = null;
      }
    } else if (json.path("inputTextTokenCount").isNumber()) {
      tokens = json.get("inputTextTokenCount").asLong();
    }
    return new Invocation(vectors, tokens);
  }
}
