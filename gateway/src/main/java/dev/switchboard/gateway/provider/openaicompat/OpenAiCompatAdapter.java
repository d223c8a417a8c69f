package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.time.Duration;

/**
 * Talks to OpenAI and every server that speaks its Chat Completions API: the request is passed
 * through with the upstream model name, streams always ask for usage, and answers are measured.
 */
public final class OpenAiCompatAdapter implements ProviderAdapter {
  private final HttpClient client;
  private final ServerConfig server;

  public OpenAiCompatAdapter(HttpClient client, ServerConfig server) {
    this.client = client;
    this.server = server;
  }

  @Override
  public Future<ChatCompletion> complete(UpstreamCall call) {
    return send(call, false)
        .compose(response -> response.body().map(body -> readCompletion(response, body)))
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  @Override
  public Future<ChunkStream> stream(UpstreamCall call) {
    return send(call, true)
        .compose(
            response -> {
              if (isSuccess(response.statusCode())) {
                return Future.<ChunkStream>succeededFuture(new SseChunkStream(response));
              }
              return response
                  .body()
                  .compose(body -> Future.<ChunkStream>failedFuture(httpError(response, body)));
            })
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  private Future<HttpClientResponse> send(UpstreamCall call, boolean stream) {
    ProviderConfig provider = call.target().provider();
    RequestOptions options;
    Buffer body;
    try {
      options = requestOptions(call, stream);
      body = JsonCodec.write(UpstreamRequestBody.of(call, stream));
    } catch (SecretRef.MissingSecretException e) {
      return Future.failedFuture(UpstreamFailures.missingKey(provider.id(), e.variable()));
    }
    return client
        .request(options)
        .compose(
            request -> {
              // an abandoned attempt (client gone, timed out) must not leave the upstream working
              call.abandoned().onComplete(v -> request.reset());
              return request.send(body);
            })
        .map(
            response -> {
              if (stream && isSuccess(response.statusCode())) {
                response.pause(); // resumed once the caller attached its handlers
              }
              return response;
            });
  }

  private RequestOptions requestOptions(UpstreamCall call, boolean stream) {
    ProviderConfig provider = call.target().provider();
    TargetTimeouts timeouts = call.target().timeouts();
    Duration connect = timeouts.connect() != null ? timeouts.connect() : server.upstreamConnectTimeout();
    // a backstop only: the dispatcher enforces the first-byte and idle limits itself
    Duration idle = longest(server.upstreamTimeout(), timeouts.firstByte(), timeouts.idle());
    String base = provider.baseUrl().toString();
    String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions";
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setConnectTimeout(connect.toMillis())
            .setIdleTimeout(idle.toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, stream ? "text/event-stream" : "application/json");
    provider.apiKey().resolve().ifPresent(key -> options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key));
    provider.headers().forEach(options::putHeader);
    return options;
  }

  private static Duration longest(Duration first, Duration... others) {
    Duration longest = first;
    for (Duration other : others) {
      if (other != null && other.compareTo(longest) > 0) {
        longest = other;
      }
    }
    return longest;
  }

  private static ChatCompletion readCompletion(HttpClientResponse response, Buffer body) {
    if (!isSuccess(response.statusCode())) {
      throw httpError(response, body);
    }
    JsonNode json;
    try {
      json = ChatResponseSummarizer.parseBody(body);
    } catch (IOException | RuntimeException e) {
      throw new UpstreamFailure(
          UpstreamFailure.Kind.BAD_RESPONSE,
          new UpstreamError(502, "upstream_error", "bad_response", "The provider returned a response that is not valid JSON.", null));
    }
    if (!json.isObject() || !json.path("choices").isArray()) {
      throw new UpstreamFailure(
          UpstreamFailure.Kind.BAD_RESPONSE,
          new UpstreamError(502, "upstream_error", "bad_response", "The provider returned a response without choices.", null));
    }
    return new ChatCompletion(
        (ObjectNode) json, ChatResponseSummarizer.summarize(json), CompletionText.of(json));
  }

  private static UpstreamFailure httpError(HttpClientResponse response, Buffer body) {
    UpstreamError error = OpenAiErrorParser.parse(response.statusCode(), body, response.headers());
    return new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, error);
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
