package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ProviderConfig;
import io.vertx.core.Future;
import io.vertx.core.http.RequestOptions;

/**
 * Says where a Messages request for Claude is sent and how it proves who sends it: Anthropic's
 * own API, or a cloud that hosts Claude behind the same bodies (Vertex AI's {@code rawPredict}).
 */
public interface MessagesEndpoint {

  /** Returns the URL a request for {@code model} is posted to. */
  String url(ProviderConfig provider, String model, boolean stream);

  /** Puts the model and API version where this endpoint expects them. */
  void address(ObjectNode body, String model);

  /**
   * Adds the credentials to {@code options}; may first fetch a token.
   *
   * @return a failed future with an {@code UpstreamFailure} when no credentials can be had
   */
  Future<RequestOptions> authorize(ProviderConfig provider, RequestOptions options);
}
