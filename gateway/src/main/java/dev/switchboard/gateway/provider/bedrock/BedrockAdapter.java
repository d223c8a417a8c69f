package dev.switchboard.gateway.provider.bedrock;

import dev.switchboard.gateway.provider.BoundedBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.EmbeddingAdapter;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamChunkStream;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.UpstreamFailures;
import dev.switchboard.gateway.provider.anthropic.MappedRequest;
import dev.switchboard.gateway.provider.anthropic.MessagesTranslation;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

/**
 * Talks to AWS Bedrock's Converse API ({@code POST {base_url}/model/{modelId}/converse}, and
 * {@code /converse-stream} for streams) for every model family Bedrock hosts: the request goes
 * through the Messages mapping and is renamed into Converse, signed with SigV4 or sent with a
 * Bedrock API key; the answer is renamed back into Messages and measured like Anthropic's.
 */
public final class BedrockAdapter implements ProviderAdapter, EmbeddingAdapter {
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  private final HttpClient client;
  private final ServerConfig server;
  private final Clock clock;
  private final BedrockAuth auth;
  private final BedrockEmbeddings embeddings;

  public BedrockAdapter(HttpClient client, ServerConfig server) {
    this(client, server, Clock.systemUTC(), AwsCredentialChain.standard());
  }

  BedrockAdapter(HttpClient client, ServerConfig server, Clock clock, AwsCredentialChain chain) {
    this.client = client;
    this.server = server;
    this.clock = clock;
    this.auth = new BedrockAuth(chain, clock);
    this.embeddings = new BedrockEmbeddings(client, server, auth, clock);
  }

  @Override
  public Future<ChatCompletion> embed(UpstreamCall call) {
    return embeddings.embed(call);
  }

  @Override
  public Future<ChatCompletion> complete(UpstreamCall call) {
    MappedRequest mapped;
    try {
      mapped = MessagesTranslation.request(call, false);
    } catch (UpstreamFailure failure) {
      return Future.failedFuture(failure);
    }
    String model = call.target().upstreamModel();
    return send(call, mapped, false)
        .compose(response -> BoundedBody.read(response, server.maxUpstreamBodyBytes()).map(body -> readCompletion(response, body, mapped, model)))
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  @Override
  public Future<ChunkStream> stream(UpstreamCall call) {
    MappedRequest mapped;
    try {
      mapped = MessagesTranslation.request(call, true);
    } catch (UpstreamFailure failure) {
      return Future.failedFuture(failure);
    }
    String model = call.target().upstreamModel();
    return send(call, mapped, true)
        .compose(
            response -> {
              if (isSuccess(response.statusCode())) {
                return Future.succeededFuture(
                    UpstreamChunkStream.of(
                        response,
                        sink -> new ConverseStreamTranslation(sink, mapped.excludeReasoning(), model)));
              }
              return BoundedBody.read(response, server.maxUpstreamBodyBytes())
                  .compose(body -> Future.<ChunkStream>failedFuture(httpError(response, body)));
            })
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  private Future<HttpClientResponse> send(UpstreamCall call, MappedRequest mapped, boolean stream) {
    ProviderConfig provider = call.target().provider();
    String model = call.target().upstreamModel();
    String url = url(provider, model, stream);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setConnectTimeout(server.upstreamConnectTimeout().toMillis())
            .setIdleTimeout(server.upstreamTimeout().toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, stream ? EVENT_STREAM : "application/json");
    byte[] body;
    try {
      ObjectNode converse = ConverseRequestMapper.map(mapped.body(), isClaude(model));
      body = JsonCodec.mapper().writeValueAsBytes(converse);
      // traceparent before signing: a SigV4 signature covers the headers sent
      auth.authorize(provider, call.forwardTrace(options), url, body);
    } catch (UpstreamFailure failure) {
      return Future.failedFuture(failure);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e); // a tree always serializes
    }
    provider.headers().forEach(options::putHeader);
    return client
        .request(options)
        .compose(request -> request.send(Buffer.buffer(body)))
        .map(
            response -> {
              if (stream && isSuccess(response.statusCode())) {
                response.pause(); // resumed once the relay attached its handlers
              }
              return response;
            });
  }

  /**
   * Returns the operation's URL. The model id (or inference profile id, or ARN) is one path
   * segment, so its {@code :} and {@code /} are percent-encoded; SigV4 then encodes the path once
   * more for its canonical form, as the signer does for every service but S3.
   */
  static String url(ProviderConfig provider, String model, boolean stream) {
    return modelUrl(provider, model) + (stream ? "/converse-stream" : "/converse");
  }

  /** Returns {@code {base_url}/model/{modelId}}, the id percent-encoded as one segment. */
  static String modelUrl(ProviderConfig provider, String model) {
    String base = provider.baseUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/model/" + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Returns whether the model is Anthropic's: it then takes Claude's own request fields. */
  static boolean isClaude(String model) {
    String id = model.toLowerCase(Locale.ROOT);
    return id.contains("anthropic.") || id.contains("claude");
  }

  private ChatCompletion readCompletion(
      HttpClientResponse response, Buffer body, MappedRequest mapped, String model) {
    if (!isSuccess(response.statusCode())) {
      throw httpError(response, body);
    }
    JsonNode json;
    try {
      json = JsonCodec.read(body);
    } catch (Exception e) {
      throw UpstreamFailures.badResponse("Bedrock returned a response that is not valid JSON.");
    }
    if (json == null || !json.path("output").path("message").isObject()) {
      throw UpstreamFailures.badResponse("Bedrock returned a response without an output message.");
    }
    return MessagesTranslation.answer(
        ConverseShapes.message(json, model),
        mapped.excludeReasoning(),
        clock.instant().getEpochSecond());
  }

  private UpstreamFailure httpError(HttpClientResponse response, Buffer body) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.HTTP_ERROR,
        BedrockErrorParser.parse(response.statusCode(), body, response.headers(), clock.instant()));
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
