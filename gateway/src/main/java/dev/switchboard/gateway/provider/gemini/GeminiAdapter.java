package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.gateway.provider.UpstreamFailures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ProviderConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.StreamTranslation;
import java.util.Locale;
import java.util.function.Consumer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.provider.BoundedBody;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.EmbeddingAdapter;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamChunkStream;
import dev.switchboard.gateway.provider.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.UncheckedIOException;

/**
 * Talks to the Google Gemini API: maps each OpenAI chat request to {@code POST
 * {base_url}/models/{model}:generateContent} (or {@code :streamGenerateContent?alt=sse}) with the
 * key in the {@code x-goog-api-key} header, never in the URL, and maps the answer back to OpenAI
 * shape, measured. With another {@link GeminiEndpoint} it speaks to Gemini on Vertex AI.
 */
public final class GeminiAdapter implements ProviderAdapter, EmbeddingAdapter {

  private final HttpClient client;
  private final ServerConfig server;
  private final GeminiEndpoint endpoint;
  private final GeminiEmbeddings embeddings;

  public GeminiAdapter(HttpClient client, ServerConfig server) {
    this(client, server, new GeminiApi());
  }

  /** Creates an adapter sending {@code generateContent} bodies to {@code endpoint}. */
  public GeminiAdapter(HttpClient client, ServerConfig server, GeminiEndpoint endpoint) {
    this.client = client;
    this.server = server;
    this.endpoint = endpoint;
    this.embeddings = new GeminiEmbeddings(client, server, endpoint);
  }

  @Override
  public Future<ChatCompletion> embed(UpstreamCall call) {
    return embeddings.embed(call);
  }

  /** Returns the method suffix of a model URL: {@code :generateContent} or the SSE stream. */
  public static String method(boolean stream) {
    return stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
  }

  @Override
  public Future<ChatCompletion> complete(UpstreamCall call) {
    return send(call, false)
        .compose(
            response ->
                BoundedBody.read(response, server.maxUpstreamBodyBytes())
                    .map(body -> readCompletion(response, body)))
        .recover(cause -> Future.failedFuture(UpstreamFailures.classify(cause)));
  }

  @Override
  public Future<ChunkStream> stream(UpstreamCall call) {
    return send(call, true)
        .compose(
            response -> {
              if (isSuccess(response.statusCode())) {
                return Future.succeededFuture(
                    UpstreamChunkStream.of(response, sink -> translation(response, sink)));
              }
              return BoundedBody.read(response, server.maxUpstreamBodyBytes())
                  .compose(body -> Future.<ChunkStream>failedFuture(httpError(response, body)));
            })
        .recover(cause -> Future.failedFuture(UpstreamFailures.classify(cause)));
  }

  /**
   * Picks the stream decoder by the answer's content type: SSE for {@code alt=sse}, else the JSON
   * array {@code streamGenerateContent} writes without it (some proxies and Vertex setups drop
   * the parameter).
   */
  private StreamTranslation translation(HttpClientResponse response, Consumer<ObjectNode> sink) {
    String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
    boolean jsonArray = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    return new GeminiStreamTranslator(sink, jsonArray, server.maxUpstreamEventBytes());
  }

  private Future<HttpClientResponse> send(UpstreamCall call, boolean stream) {
    ProviderConfig provider = call.target().provider();
    Buffer body;
    try {
      GeminiRequest request = GeminiRequestMapper.map(call.request().body());
      body = Buffer.buffer(GeminiJson.MAPPER.writeValueAsBytes(request));
    } catch (UntranslatableRequestException e) {
      return Future.failedFuture(UpstreamFailures.rejected("unsupported_by_provider", e.getMessage()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // records of strings and trees always serialize
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(endpoint.url(provider, call.target().upstreamModel(), stream))
            .setConnectTimeout(server.upstreamConnectTimeout().toMillis())
            .setIdleTimeout(server.upstreamTimeout().toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, stream ? "text/event-stream" : "application/json");
    return endpoint
        .authorize(provider, options)
        .map(
            authorized -> {
              provider.headers().forEach(authorized::putHeader);
              return call.forwardTrace(authorized);
            })
        .compose(client::request)
        .compose(
            request -> {
              // an abandoned attempt (timed out, client gone) must not keep the upstream
              // connection busy: a silent or comment-only upstream would hold it for good
              call.abandoned().onComplete(v -> request.reset());
              return request.send(body);
            })
        .map(
            response -> {
              if (stream && isSuccess(response.statusCode())) {
                response.pause(); // resumed once the relay attached its handlers
              }
              return response;
            });
  }

  private static ChatCompletion readCompletion(HttpClientResponse response, Buffer body) {
    if (!isSuccess(response.statusCode())) {
      throw httpError(response, body);
    }
    GeminiResponse parsed;
    try {
      JsonNode json = GeminiJson.MAPPER.readTree(body.getBytes());
      if (json == null || !json.isObject()) {
        throw UpstreamFailures.badResponse("Gemini returned a response that is not a JSON object.");
      }
      parsed = GeminiJson.MAPPER.treeToValue(json, GeminiResponse.class);
    } catch (UpstreamFailure e) {
      throw e;
    } catch (Exception e) {
      throw UpstreamFailures.badResponse("Gemini returned a response that is not valid JSON.");
    }
    return GeminiResponseMapper.map(parsed);
  }

  private static UpstreamFailure httpError(HttpClientResponse response, Buffer body) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.HTTP_ERROR,
        GeminiErrorMapper.parse(response.statusCode(), body, response.headers()));
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
