package dev.switchboard.gateway.http;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.JsonCodec;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes {@link ApiError}s in the caller's dialect's error envelope with their HTTP status. */
public final class ErrorResponder {

  private ErrorResponder() {}

  /** Sends {@code error} in OpenAI's envelope unless the response has already started. */
  public static void send(HttpServerResponse response, ApiError error) {
    send(response, Dialect.CHAT, error, null);
  }

  /** Sends {@code error} in the envelope of the dialect {@code ctx}'s path belongs to. */
  public static void send(RoutingContext ctx, ApiError error) {
    send(ctx.response(), Dialect.ofPath(ctx.request().path()), error, null);
  }

  /** Sends {@code error} in {@code dialect}'s envelope, with a {@code retry-after} header when given. */
  public static void send(
      HttpServerResponse response, Dialect dialect, ApiError error, Integer retryAfterSeconds) {
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(dialect.status(error));
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (retryAfterSeconds != null) {
      response.putHeader("retry-after", String.valueOf(retryAfterSeconds));
    }
    response.end(JsonCodec.write(dialect.errorBody(error)));
  }
}
