package dev.switchboard.gateway.dialect.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;

/**
 * Speaks OpenAI's embeddings API (https://platform.openai.com/docs/api-reference/embeddings):
 * {@code input} a string, a list of strings, or token ids; {@code dimensions}; {@code
 * encoding_format} {@code float} or {@code base64} (little-endian float32, as OpenAI sends it).
 */
public final class EmbeddingsCodec implements IngressCodec {
  /** OpenAI's limit on inputs per request. */
  static final int MAX_INPUTS = 2048;

  @Override
  public Dialect dialect() {
    return Dialect.EMBEDDINGS;
  }

  @Override
  public ChatRequest decode(Buffer body, MultiMap headers) {
    ObjectNode request = readObject(body);
    JsonNode input = request.get("input");
    ArrayNode messages = JsonCodec.mapper().createArrayNode();
    if (input != null && input.isTextual()) {
      messages.addObject().put("role", "user").put("content", input.asText());
    } else if (input != null && input.isArray() && !input.isEmpty() && input.size() <= MAX_INPUTS) {
      boolean tokens = input.get(0).isIntegralNumber() || input.get(0).isArray();
      for (JsonNode item : input) {
        if (tokens ? !(item.isIntegralNumber() || isTokenList(item)) : !item.isTextual()) {
          throw invalid("input", "'input' must be a string, a list of strings, or token ids.");
        }
        // token ids carry no text to classify or estimate: the upstream counts them
        messages.addObject().put("role", "user").put("content", item.isTextual() ? item.asText() : "");
        if (tokens && item.isIntegralNumber()) {
          break; // one list of token ids is one input
        }
      }
    } else {
      throw invalid(
          "input", "'input' must be a non-empty string or a list of 1 to " + MAX_INPUTS + " inputs.");
    }
    JsonNode dimensions = request.get("dimensions");
    if (dimensions != null && !dimensions.isNull()
        && (!dimensions.isIntegralNumber() || dimensions.asInt() < 1)) {
      throw invalid("dimensions", "'dimensions' must be a positive integer.");
    }
    String format = request.path("encoding_format").asText("float");
    if (!format.equals("float") && !format.equals("base64")) {
      throw invalid("encoding_format", "'encoding_format' must be 'float' or 'base64'.");
    }
    ObjectNode chat = JsonCodec.object();
    if (request.has("model")) {
      chat.set("model", request.get("model"));
    }
    chat.set("messages", messages);
    if (request.path("user").isTextual()) {
      chat.set("user", request.get("user"));
    }
    return ChatRequestParser.parse(chat, new IngressOrigin(Dialect.EMBEDDINGS, request, Map.of()));
  }

  @Override
  public JsonNode encodeCompletion(ChatCompletion completion, AnswerContext context) {
    ObjectNode list = completion.nativeBody().deepCopy();
    list.put("model", context.model());
    if ("base64".equals(context.request().origin().body().path("encoding_format").asText())) {
      for (JsonNode item : list.path("data")) {
        ((ObjectNode) item).put("embedding", base64(item.path("embedding")));
      }
    }
    JsonNode usage = completion.body().path("usage");
    ObjectNode out = list.putObject("usage");
    if (usage.isObject()) {
      out.set("prompt_tokens", usage.get("prompt_tokens"));
      out.set("total_tokens", usage.get("total_tokens"));
      if (usage.has("cost")) {
        out.set("cost", usage.get("cost"));
      }
    }
    return list;
  }

  @Override
  public StreamEncoder streamEncoder(AnswerContext context) {
    throw new UnsupportedOperationException("embeddings are never streamed");
  }

  private static String base64(JsonNode values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    values.forEach(v -> bytes.putFloat((float) v.asDouble()));
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  private static boolean isTokenList(JsonNode item) {
    if (!item.isArray() || item.isEmpty()) {
      return false;
    }
    for (JsonNode token : item) {
      if (!token.isIntegralNumber()) {
        return false;
      }
    }
    return true;
  }

  private static ObjectNode readObject(Buffer body) {
    JsonNode root;
    try {
      root = body == null || body.length() == 0 ? null : JsonCodec.read(body);
    } catch (IOException e) {
      throw invalid(null, "The request body is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw invalid(null, "The request body must be a JSON object.");
    }
    return (ObjectNode) root;
  }

  private static ApiErrorException invalid(String param, String message) {
    return new ApiErrorException(ApiError.badRequest("invalid_value", param, message));
  }
}
