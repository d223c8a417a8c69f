package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.UpstreamCall;

/** Builds the body sent upstream from the client's body, without mutating or deep-copying it. */
final class UpstreamRequestBody {

  private UpstreamRequestBody() {}

  /**
   * Returns the client's body with the upstream model name and, for streams, {@code
   * stream_options.include_usage: true} so usage is always metered even if the client did not ask.
   */
  static ObjectNode of(UpstreamCall call, boolean stream) {
    ObjectNode body = JsonCodec.object();
    body.setAll(call.request().body()); // shallow: message trees are shared, never modified
    body.put("model", call.target().upstreamModel());
    if (stream) {
      ObjectNode streamOptions = JsonCodec.object();
      JsonNode clientOptions = call.request().body().path("stream_options");
      if (clientOptions.isObject()) {
        streamOptions.setAll((ObjectNode) clientOptions);
      }
      streamOptions.put("include_usage", true);
      body.set("stream_options", streamOptions);
    }
    return body;
  }
}
