package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.JsonCodec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import dev.switchboard.gateway.provider.BoundedBody;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamChunkStream;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.openaicompat.ChatResponseSummarizer;
import dev.switchboard.gateway.provider.UpstreamFailures;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;

/**
 * Talks to Anthropic's Messages API ({@code POST {base_url}/messages}) for OpenAI-shaped clients:
 * maps the chat request, sends it with {@code x-api-key} and {@code anthropic-version}, and maps
 * the answer back, whole or streamed event by event, measured like every other provider's.
 */
public final class AnthropicAdapter implements ProviderAdapter {

  /** The API version this adapter speaks (https://platform.claude.com/docs/en/api/versioning). */
  public static final String API_VERSION = "2023-06-01";

  private final HttpClient client;
  private final ServerConfig server;
  private final Clock clock;

  public AnthropicAdapter(HttpClient client, ServerConfig server) {
    this(client, server, Clock.systemUTC());
  }

  public AnthropicAdapter(HttpClient client, ServerConfig server, Clock clock) {
    this.client = client;
    this.server = server;
    this.clock = clock;
  }

  @Override
  public Future<ChatCompletion> complete(UpstreamCall call) {
    MappedRequest mapped;
    try {
      mapped = map(call, false);
    } catch (UpstreamFailure failure) {
      return Future.failedFuture(failure);
    }
    boolean same = sameDialect(call);
    return send(call, mapped, false)
        .compose(
            response ->
                BoundedBody.read(response, server.maxUpstreamBodyBytes())
                    .map(body -> readCompletion(response, body, mapped, same)))
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  @Override
  public Future<ChunkStream> stream(UpstreamCall call) {
    MappedRequest mapped;
    try {
      mapped = map(call, true);
    } catch (UpstreamFailure failure) {
      return Future.failedFuture(failure);
    }
    return send(call, mapped, true)
        .compose(
            response -> {
              if (isSuccess(response.statusCode())) {
                return Future.succeededFuture(UpstreamChunkStream.of(
                    response,
                    sameDialect(call)
                        ? sink -> new NativeMessagesStream(sink, server.maxUpstreamEventBytes())
                        : sink -> new AnthropicStreamTranslator(
                            sink, mapped.excludeReasoning(), server.maxUpstreamEventBytes())));
              }
              return BoundedBody.read(response, server.maxUpstreamBodyBytes())
                  .compose(body -> Future.<ChunkStream>failedFuture(httpError(response, body)));
            })
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  /** Returns whether the client spoke Messages itself: then its own body goes upstream. */
  private static boolean sameDialect(UpstreamCall call) {
    return call.request().origin().is(Dialect.MESSAGES);
  }

  private static MappedRequest map(UpstreamCall call, boolean stream) {
    if (sameDialect(call)) {
      // lossless: cache_control, context_management, citations, server tools... all kept
      ObjectNode body = call.request().origin().body().deepCopy();
      body.put("model", call.target().upstreamModel());
      body.put("stream", stream);
      return new MappedRequest(body, false);
    }
    try {
      return AnthropicRequestMapper.map(
          call.request().body(), call.target().upstreamModel(), stream);
    } catch (ApiErrorException e) {
      // the client asked for something Anthropic cannot do: a 400 in the client's terms
      ApiError error = e.error();
      throw new UpstreamFailure(
          UpstreamFailure.Kind.REJECTED,
          new UpstreamError(error.status(), error.type(), error.code(), error.message(), null));
    }
  }

  private Future<HttpClientResponse> send(UpstreamCall call, MappedRequest mapped, boolean stream) {
    ProviderConfig provider = call.target().provider();
    RequestOptions options;
    try {
      options = requestOptions(provider, stream, call.request().origin().forwardHeaders());
    } catch (SecretRef.MissingSecretException e) {
      return Future.failedFuture(UpstreamFailures.missingKey(provider.id(), e.variable()));
    }
    Buffer body = JsonCodec.write(mapped.body());
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

  private RequestOptions requestOptions(
      ProviderConfig provider, boolean stream, Map<String, String> clientHeaders) {
    String base = provider.baseUrl().toString();
    String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/messages";
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setConnectTimeout(server.upstreamConnectTimeout().toMillis())
            .setIdleTimeout(server.upstreamTimeout().toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, stream ? "text/event-stream" : "application/json")
            .putHeader("anthropic-version", API_VERSION);
    provider.apiKey().resolve().ifPresent(key -> options.putHeader("x-api-key", key));
    // a Messages client's own anthropic-beta / anthropic-version (betas Claude Code relies on)
    clientHeaders.forEach(options::putHeader);
    // configured headers (anthropic-beta, or another anthropic-version) come last and win
    provider.headers().forEach(options::putHeader);
    return options;
  }

  private ChatCompletion readCompletion(
      HttpClientResponse response, Buffer body, MappedRequest mapped, boolean sameDialect) {
    if (!isSuccess(response.statusCode())) {
      throw httpError(response, body);
    }
    JsonNode json;
    try {
      json = ChatResponseSummarizer.parseBody(body);
    } catch (Exception e) {
      throw badResponse("The provider returned a response that is not valid JSON.");
    }
    if (!json.isObject() || !json.path("content").isArray()) {
      throw badResponse("The provider returned a response without content.");
    }
    ChatCompletion completion =
        AnthropicResponseMapper.map(json, mapped.excludeReasoning(), clock.instant().getEpochSecond());
    return sameDialect ? completion.withNativeBody(json) : completion;
  }

  private static UpstreamFailure httpError(HttpClientResponse response, Buffer body) {
    UpstreamError error =
        AnthropicErrorParser.parse(response.statusCode(), body, response.headers());
    return new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, error);
  }

  private static UpstreamFailure badResponse(String message) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.BAD_RESPONSE,
        new UpstreamError(502, "upstream_error", "bad_response", message, null));
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
