package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.gateway.provider.UpstreamFailures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.provider.BoundedBody;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ChunkStream;
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
 * shape, measured.
 */
public final class GeminiAdapter implements ProviderAdapter {
  /** Header the Gemini API reads the key from (https://ai.google.dev/api#authentication). */
  static final String API_KEY_HEADER = "x-goog-api-key";

  private final HttpClient client;
  private final ServerConfig server;

  public GeminiAdapter(HttpClient client, ServerConfig server) {
    this.client = client;
    this.server = server;
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
                return Future.succeededFuture(UpstreamChunkStream.of(
                    response, sink -> new GeminiStreamTranslator(sink, server.maxUpstreamEventBytes())));
              }
              return BoundedBody.read(response, server.maxUpstreamBodyBytes())
                  .compose(body -> Future.<ChunkStream>failedFuture(httpError(response, body)));
            })
        .recover(cause -> Future.failedFuture(UpstreamFailures.classify(cause)));
  }

  private Future<HttpClientResponse> send(UpstreamCall call, boolean stream) {
    ProviderConfig provider = call.target().provider();
    RequestOptions options;
    Buffer body;
    try {
      GeminiRequest request = GeminiRequestMapper.map(call.request().body());
      body = Buffer.buffer(GeminiJson.MAPPER.writeValueAsBytes(request));
      options = requestOptions(provider, call.target().upstreamModel(), stream);
    } catch (UntranslatableRequestException e) {
      return Future.failedFuture(UpstreamFailures.rejected("unsupported_by_provider", e.getMessage()));
    } catch (SecretRef.MissingSecretException e) {
      return Future.failedFuture(UpstreamFailures.missingKey(provider.id(), e.variable()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // records of strings and trees always serialize
    }
    return client
        .request(options)
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

  private RequestOptions requestOptions(ProviderConfig provider, String model, boolean stream) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url(provider, model, stream))
            .setConnectTimeout(server.upstreamConnectTimeout().toMillis())
            .setIdleTimeout(server.upstreamTimeout().toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, stream ? "text/event-stream" : "application/json");
    provider.apiKey().resolve().ifPresent(key -> options.putHeader(API_KEY_HEADER, key));
    provider.headers().forEach(options::putHeader);
    return options;
  }

  /** Returns the method URL; a model written as {@code models/x} is accepted too. */
  static String url(ProviderConfig provider, String model, boolean stream) {
    String base = provider.baseUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
    return base + "/models/" + name + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
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
