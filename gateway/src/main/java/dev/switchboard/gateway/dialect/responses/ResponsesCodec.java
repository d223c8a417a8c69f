package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.IngressOrigin;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.dialect.AnswerContext;
import dev.switchboard.gateway.dialect.IngressCodec;
import dev.switchboard.gateway.dialect.StreamEncoder;
import dev.switchboard.gateway.provider.ChatCompletion;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Map;

/** Speaks OpenAI's Responses API ({@code POST /v1/responses}), statelessly. */
public final class ResponsesCodec implements IngressCodec {

  @Override
  public Dialect dialect() {
    return Dialect.RESPONSES;
  }

  @Override
  public ChatRequest decode(Buffer body, MultiMap headers) {
    ObjectNode request = readObject(body);
    ObjectNode chat = ResponsesRequestDecoder.decode(request);
    // an OpenAI upstream gets the client's body, less what Switchboard carried for another upstream
    return ChatRequestParser.parse(
        chat, new IngressOrigin(Dialect.RESPONSES, ReasoningCarrier.withoutCarried(request), Map.of()));
  }

  @Override
  public JsonNode encodeCompletion(ChatCompletion completion, AnswerContext context) {
    if (completion.nativeBody() != null) {
      return completion.nativeBody();
    }
    return ResponsesAnswerEncoder.encode(completion.body(), context);
  }

  @Override
  public StreamEncoder streamEncoder(AnswerContext context) {
    return new ResponsesStreamEncoder(context);
  }

  private static ObjectNode readObject(Buffer body) {
    JsonNode root;
    try {
      root = body == null || body.length() == 0 ? null : JsonCodec.read(body);
    } catch (IOException e) {
      throw new ApiErrorException(
          ApiError.badRequest("invalid_json", null, "We could not parse the JSON body of your request."));
    }
    if (root == null || !root.isObject()) {
      throw new ApiErrorException(
          ApiError.badRequest("invalid_json", null, "The request body must be a JSON object."));
    }
    return (ObjectNode) root;
  }
}
