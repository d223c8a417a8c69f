package dev.switchboard.gateway.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.provider.ChatCompletion;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Translates one ingress API at the edge of the pipeline: its request into a {@link ChatRequest},
 * and the pipeline's chat-shaped answer back into its own answer and stream.
 */
public interface IngressCodec {

  /** Returns the API this codec speaks. */
  Dialect dialect();

  /**
   * Decodes a request body sent with {@code headers}.
   *
   * @throws dev.switchboard.gateway.api.ApiErrorException when the body is not a valid request
   */
  ChatRequest decode(Buffer body, MultiMap headers);

  /**
   * Encodes a served answer, already shaped as an OpenAI {@code chat.completion} with this
   * request's id, public model and usage cost.
   */
  JsonNode encodeCompletion(ChatCompletion completion, AnswerContext context);

  /** Returns the encoder of one streamed answer. */
  StreamEncoder streamEncoder(AnswerContext context);
}
