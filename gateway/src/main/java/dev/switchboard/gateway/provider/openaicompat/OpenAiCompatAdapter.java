package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.BoundedBody;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.EmbeddingAdapter;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamChunkStream;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.UpstreamFailures;
import dev.switchboard.telemetry.FinishReason;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Talks to OpenAI and every server that speaks its Chat Completions API, one adapter for all: the
 * provider's {@link OpenAiCompatQuirks} decide the URL, key header and request fields; answers are
 * measured as the provider sent them, then normalized for the client.
 */
public final class OpenAiCompatAdapter implements ProviderAdapter, EmbeddingAdapter {
  private final HttpClient client;
  private final ServerConfig server;
  private final PreparedEndpoints endpoints = new PreparedEndpoints();
  private final OpenAiEmbeddings embeddings;

  public OpenAiCompatAdapter(HttpClient client, ServerConfig server) {
    this.client = client;
    this.server = server;
    this.embeddings = new OpenAiEmbeddings(client, server, endpoints);
  }

  @Override
  public Future<ChatCompletion> embed(UpstreamCall call) {
    return embeddings.embed(call);
  }

  @Override
  public Future<ChatCompletion> complete(UpstreamCall call) {
    AnswerNormalizer normalizer = normalizerFor(call);
    boolean responses = nativeResponses(call);
    return send(call, false, responses)
        .compose(
            response ->
                BoundedBody.read(response, server.maxUpstreamBodyBytes())
                    .map(body -> responses
                        ? readResponse(response, body)
                        : readCompletion(response, body, normalizer, relays(call))))
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  @Override
  public Future<ChunkStream> stream(UpstreamCall call) {
    AnswerNormalizer normalizer = normalizerFor(call);
    boolean responses = nativeResponses(call);
    return send(call, true, responses)
        .compose(
            response -> {
              if (isSuccess(response.statusCode()) && !isJson(response)) {
                return Future.succeededFuture(UpstreamChunkStream.of(
                    response,
                    responses
                        ? NativeResponsesStream::new
                        : sink -> new OpenAiStreamTranslation(
                            sink, normalizer, server.maxUpstreamEventBytes(), relays(call))));
              }
              // an error status, or a 2xx JSON body where a stream was asked for (MiniMax reports
              // failures as HTTP 200 + base_resp): either way no stream is coming
              return BoundedBody.read(response, server.maxUpstreamBodyBytes())
                  .compose(body -> Future.<ChunkStream>failedFuture(notAStream(response, body)));
            })
        .recover(UpstreamFailures::toUpstreamFailure);
  }

  /**
   * Returns whether the client speaks chat completions, so a plain answer can go back as the
   * upstream's bytes (a {@code RawObject}) instead of a tree.
   */
  private static boolean relays(UpstreamCall call) {
    return call.request().origin().is(Dialect.CHAT);
  }

  private static AnswerNormalizer normalizerFor(UpstreamCall call) {
    return new AnswerNormalizer(ReasoningRequest.of(call.request().body()).exclude());
  }

  /**
   * Returns whether {@code call} goes to OpenAI's Responses API as the client sent it; a provider
   * that cannot be prepared is reported by {@link #send}.
   */
  private boolean nativeResponses(UpstreamCall call) {
    if (!call.request().origin().is(Dialect.RESPONSES)) {
      return false;
    }
    try {
      return ResponsesUpstream.applies(
          call, endpoints.of(call.target().provider(), call.target().upstreamModel()).quirks());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Future<HttpClientResponse> send(UpstreamCall call, boolean stream, boolean responses) {
    ProviderConfig provider = call.target().provider();
    RequestOptions options;
    Buffer body;
    try {
      PreparedEndpoints.Prepared endpoint = endpoints.of(provider, call.target().upstreamModel());
      body = JsonCodec.write(responses
          ? ResponsesUpstream.body(call, stream)
          : UpstreamRequestBody.of(call, stream, endpoint.quirks()));
      options = requestOptions(call, endpoint, stream);
      if (responses) {
        options.setAbsoluteURI(ResponsesUpstream.url(endpoint.url()));
      }
    } catch (SecretRef.MissingSecretException e) {
      return Future.failedFuture(UpstreamFailures.missingKey(provider.id(), e.variable()));
    } catch (UpstreamFailure rejected) {
      return Future.failedFuture(rejected);
    } catch (IllegalArgumentException unknownFlavor) {
      // only a ProviderConfig built in code can get here: config files are validated
      return Future.failedFuture(
          UpstreamFailures.misconfigured(provider.id(), unknownFlavor.getMessage()));
    }
    return client
        .request(call.forwardTrace(options))
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

  private RequestOptions requestOptions(
      UpstreamCall call, PreparedEndpoints.Prepared endpoint, boolean stream) {
    TargetTimeouts timeouts = call.target().timeouts();
    Duration connect = timeouts.connect() != null ? timeouts.connect() : server.upstreamConnectTimeout();
    // a backstop only: the dispatcher enforces the first-byte and idle limits itself
    Duration idle = longest(server.upstreamTimeout(), timeouts.firstByte(), timeouts.idle());
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(endpoint.url())
            .setConnectTimeout(connect.toMillis())
            .setIdleTimeout(idle.toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, stream ? "text/event-stream" : "application/json");
    endpoint.headers().forEach(options::putHeader);
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

  private static ChatCompletion readCompletion(
      HttpClientResponse response, Buffer body, AnswerNormalizer normalizer, boolean relay) {
    if (relay && isSuccess(response.statusCode())) {
      ChatCompletion relayed = ChatResponseSummarizer.relayable(body.getBytes());
      if (relayed != null) {
        failOnInBandError(relayed.summary());
        return relayed;
      }
    }
    JsonNode json = successBody(response, body);
    UpstreamError inBand = json.isObject() ? BaseRespError.in(json) : null;
    if (inBand != null) {
      throw new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, inBand);
    }
    if (!json.isObject() || !json.path("choices").isArray()) {
      throw badResponse("The provider returned a response without choices.");
    }
    ResponseSummary summary = ChatResponseSummarizer.summarize(json);
    failOnInBandError(summary);
    String completionText = CompletionText.of(json); // measured before the client's view
    normalizer.completion((ObjectNode) json);
    return new ChatCompletion((ObjectNode) json, summary, completionText);
  }

  /** Returns the JSON body of a 2xx answer; fails with the provider's error otherwise. */
  private static JsonNode successBody(HttpClientResponse response, Buffer body) {
    if (!isSuccess(response.statusCode())) {
      throw httpError(response, body);
    }
    try {
      return ChatResponseSummarizer.parseBody(body);
    } catch (IOException | RuntimeException e) {
      throw badResponse("The provider returned a response that is not valid JSON.");
    }
  }

  /** Reads OpenAI's Responses answer: measured as a chat completion, sent back as it came. */
  private static ChatCompletion readResponse(HttpClientResponse response, Buffer body) {
    JsonNode json = successBody(response, body);
    if (!json.isObject() || !json.path("output").isArray()) {
      throw badResponse("The provider returned a response without output.");
    }
    ObjectNode chat = ResponsesAnswerReader.completion(json);
    return new ChatCompletion(chat, ChatResponseSummarizer.summarize(chat), CompletionText.of(chat))
        .withNativeBody(json);
  }

  /** Fails a whole answer that reports an error inside an HTTP 200 (wire-formats §0 rule 5). */
  private static void failOnInBandError(ResponseSummary summary) {
    UpstreamError error = summary.error();
    if (error == null && summary.finishReason() == FinishReason.ERROR) {
      error = AnswerNormalizer.finishedWithError(summary.nativeFinishReason());
    }
    if (error != null) {
      throw new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, error);
    }
  }

  private static UpstreamFailure notAStream(HttpClientResponse response, Buffer body) {
    if (!isSuccess(response.statusCode())) {
      return httpError(response, body);
    }
    try {
      JsonNode json = ChatResponseSummarizer.parseBody(body);
      UpstreamError error = BaseRespError.in(json);
      if (error == null && json.hasNonNull("error")) {
        error = OpenAiErrorParser.inBand(json);
      }
      if (error != null) {
        return new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, error);
      }
    } catch (IOException | RuntimeException e) {
      // not JSON after all: reported below
    }
    return badResponse(
        "The provider answered a streaming request with a JSON body instead of a stream.");
  }

  private static UpstreamFailure badResponse(String message) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.BAD_RESPONSE,
        new UpstreamError(502, "upstream_error", "bad_response", message, null));
  }

  private static UpstreamFailure httpError(HttpClientResponse response, Buffer body) {
    UpstreamError error = OpenAiErrorParser.parse(response.statusCode(), body, response.headers());
    return new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, error);
  }

  private static boolean isJson(HttpClientResponse response) {
    String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
