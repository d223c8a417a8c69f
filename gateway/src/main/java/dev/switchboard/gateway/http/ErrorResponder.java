package dev.switchboard.gateway.http;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.JsonCodec;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Writes {@link ApiError}s in OpenAI's error envelope with their HTTP status. */
public final class ErrorResponder {

  private ErrorResponder() {}

  /** Sends {@code error} unless the response has already started. */
  public static void send(HttpServerResponse response, ApiError error) {
    send(response, error, null);
  }

  /** Sends {@code error}, with a {@code retry-after} header when given. */
  public static void send(HttpServerResponse response, ApiError error, Integer retryAfterSeconds) {
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(error.status());
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (retryAfterSeconds != null) {
      response.putHeader("retry-after", String.valueOf(retryAfterSeconds));
    }
    response.end(JsonCodec.write(error.toJson()));
  }
}
