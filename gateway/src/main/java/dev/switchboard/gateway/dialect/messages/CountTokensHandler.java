package dev.switchboard.gateway.dialect.messages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.tokens.TokenCounter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code POST /v1/messages/count_tokens}: the request's input tokens (system, messages,
 * tool definitions) counted with the o200k tokenizer on a worker thread. It is the same estimate
 * the gateway's limits use, whatever model is named; Claude Code uses it to size its context.
 */
public final class CountTokensHandler implements Handler<RoutingContext> {
  // each message costs a few framing tokens beyond its text (role markers, separators)
  private static final int TOKENS_PER_MESSAGE = 3;
  private final MessagesCodec codec = new MessagesCodec();
  private final TokenCounter counter = TokenCounter.o200k();

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    ChatRequest request;
    try {
      var body = MessagesCodec.readObject(ctx.body().buffer());
      if (!body.has("max_tokens")) {
        body.put("max_tokens", 1); // count_tokens takes no max_tokens
      }
      request = codec.decode(JsonCodec.write(body), ctx.request().headers());
    } catch (ApiErrorException e) {
      send(response, e.error());
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> count(request))
        .onSuccess(
            tokens ->
                response
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(JsonCodec.write(JsonCodec.object().put("input_tokens", tokens))))
        .onFailure(t -> send(response, ApiError.internal("Counting the tokens failed.")));
  }

  private long count(ChatRequest request) {
    long tokens = 0;
    for (String piece : request.promptPieces()) {
      tokens += counter.count(piece);
    }
    tokens += (long) TOKENS_PER_MESSAGE * request.body().path("messages").size();
    JsonNode tools = request.body().path("tools");
    if (tools.isArray() && !tools.isEmpty()) {
      tokens += counter.count(tools.toString());
    }
    return tokens;
  }

  private static void send(HttpServerResponse response, ApiError error) {
    if (response.headWritten() || response.closed()) {
      return;
    }
    response
        .setStatusCode(Dialect.MESSAGES.status(error))
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(JsonCodec.write(Dialect.MESSAGES.errorBody(error)));
  }
}
