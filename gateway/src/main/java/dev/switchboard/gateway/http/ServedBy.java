package dev.switchboard.gateway.http;

import dev.switchboard.gateway.routing.ResolvedTarget;
import io.vertx.core.http.HttpServerResponse;

/** Names, in response headers, the provider and upstream model that served an answer. */
final class ServedBy {
  static final String PROVIDER_HEADER = "x-switchboard-provider";
  static final String MODEL_HEADER = "x-switchboard-model";

  private ServedBy() {}

  /** Adds the headers for {@code target} to a response that has not started. */
  static void putHeaders(HttpServerResponse response, ResolvedTarget target) {
    response.putHeader(PROVIDER_HEADER, target.provider().id());
    response.putHeader(MODEL_HEADER, target.upstreamModel());
  }
}
