package dev.switchboard.gateway.dialect.messages;

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
import java.util.HashMap;
import java.util.Map;

/** Speaks Anthropic's Messages API ({@code POST /v1/messages}). */
public final class MessagesCodec implements IngressCodec {
  /** Client headers an Anthropic upstream receives as they were sent. */
  private static final String[] FORWARDED = {"anthropic-beta", "anthropic-version"};

  @Override
  public Dialect dialect() {
    return Dialect.MESSAGES;
  }

  @Override
  public ChatRequest decode(Buffer body, MultiMap headers) {
    ObjectNode request = readObject(body);
    ObjectNode chat = MessagesRequestDecoder.decode(request);
    Map<String, String> forward = new HashMap<>();
    for (String name : FORWARDED) {
      String value = headers.get(name);
      if (value != null && !value.isBlank()) {
        forward.put(name, value);
      }
    }
    return ChatRequestParser.parse(chat, new IngressOrigin(Dialect.MESSAGES, request, Map.copyOf(forward)));
  }

  @Override
  public JsonNode encodeCompletion(ChatCompletion completion, AnswerContext context) {
    if (completion.nativeBody() != null) {
      return completion.nativeBody();
    }
    return MessagesAnswerEncoder.encode(completion.body(), context);
  }

  @Override
  public StreamEncoder streamEncoder(AnswerContext context) {
    return new MessagesStreamEncoder(context);
  }

  /** Reads a JSON object body, refusing anything else in Anthropic's terms. */
  static ObjectNode readObject(Buffer body) {
    JsonNode root;
    try {
      root = body == null || body.length() == 0 ? null : JsonCodec.read(body);
    } catch (IOException e) {
      throw new ApiErrorException(
          ApiError.badRequest("invalid_json", null, "The request body is not valid JSON."));
    }
    if (root == null || !root.isObject()) {
      throw new ApiErrorException(
          ApiError.badRequest("invalid_json", null, "The request body must be a JSON object."));
    }
    return (ObjectNode) root;
  }
}
