package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ServerConfig;
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
 * the answer back, whole or streamed event by event, measured like every other provider's. With
 * another {@link MessagesEndpoint} it speaks to Claude hosted elsewhere (Vertex AI).
 */
public final class AnthropicAdapter implements ProviderAdapter {

  /** The API version this adapter speaks (https://platform.claude.com/docs/en/api/versioning). */
  public static final String API_VERSION = "2023-06-01";

  private final HttpClient client;
  private final ServerConfig server;
  private final Clock clock;
  private final MessagesEndpoint endpoint;

  public AnthropicAdapter(HttpClient client, ServerConfig server) {
    this(client, server, Clock.systemUTC());
  }

  public AnthropicAdapter(HttpClient client, ServerConfig server, Clock clock) {
    this(client, server, clock, new AnthropicApi());
  }

  /** Creates an adapter sending Messages bodies to {@code endpoint}. */
  public AnthropicAdapter(
      HttpClient client, ServerConfig server, Clock clock, MessagesEndpoint endpoint) {
    this.client = client;
    this.server = server;
    this.clock = clock;
    this.endpoint = endpoint;
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

  private MappedRequest map(UpstreamCall call, boolean stream) {
    MappedRequest mapped = MessagesTranslation.request(call, stream);
    endpoint.address(mapped.body(), call.target().upstreamModel());
    return mapped;
  }

  private Future<HttpClientResponse> send(UpstreamCall call, MappedRequest mapped, boolean stream) {
    ProviderConfig provider = call.target().provider();
    String model = call.target().upstreamModel();
    RequestOptions options = requestOptions(provider, model, stream);
    Buffer body = JsonCodec.write(mapped.body());
    return endpoint
        .authorize(provider, options)
        .map(
            authorized -> {
              // a Messages client's own anthropic-beta / anthropic-version (betas Claude Code relies on)
              call.request().origin().forwardHeaders().forEach(authorized::putHeader);
              // configured headers (anthropic-beta, or another anthropic-version) come last and win
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

  private RequestOptions requestOptions(ProviderConfig provider, String model, boolean stream) {
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(endpoint.url(provider, model, stream))
        .setConnectTimeout(server.upstreamConnectTimeout().toMillis())
        .setIdleTimeout(server.upstreamTimeout().toMillis())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.ACCEPT, stream ? "text/event-stream" : "application/json");
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
