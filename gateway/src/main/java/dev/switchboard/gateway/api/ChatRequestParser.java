package dev.switchboard.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** Parses and validates a chat completion request body, naming the first problem found. */
public final class ChatRequestParser {

  private ChatRequestParser() {}

  /**
   * Parses {@code bytes}.
   *
   * @throws ApiErrorException with a 400 when the body is not a valid chat request
   */
  public static ChatRequest parse(Buffer bytes) {
    JsonNode root;
    try {
      root = bytes == null || bytes.length() == 0 ? null : JsonCodec.read(bytes);
    } catch (IOException e) {
      throw new ApiErrorException(
          ApiError.badRequest(
              "invalid_json",
              null,
              "We could not parse the JSON body of your request. Expected a JSON object: "
                  + firstLine(e.getMessage())));
    }
    if (root == null || !root.isObject()) {
      throw new ApiErrorException(
          ApiError.badRequest("invalid_json", null, "The request body must be a JSON object."));
    }
    return parse((ObjectNode) root, IngressOrigin.chat((ObjectNode) root));
  }

  /**
   * Validates a chat body decoded from {@code origin}'s dialect. A request from another dialect
   * always asks for usage in its stream: its encoder needs the counts for its own usage events.
   *
   * @throws ApiErrorException with a 400 when the body is not a valid chat request
   */
  public static ChatRequest parse(ObjectNode body, IngressOrigin origin) {
    String model = requireModel(body);
    requireMessages(body);
    boolean stream = optionalBoolean(body, "stream");
    JsonNode streamOptions = body.path("stream_options");
    boolean includeUsage =
        stream
            && (origin.dialect() != Dialect.CHAT
                || streamOptions.path("include_usage").asBoolean(false));
    JsonNode tools = body.path("tools");
    if (!tools.isMissingNode() && !tools.isNull() && !tools.isArray()) {
      throw invalidType("tools", "an array");
    }
    JsonNode user = body.path("user");
    return new ChatRequest(
        model,
        stream,
        includeUsage,
        tools.isArray() && !tools.isEmpty(),
        user.isTextual() ? user.asText() : null,
        body,
        origin);
  }

  private static String requireModel(ObjectNode body) {
    JsonNode model = body.get("model");
    if (model == null || model.isNull()) {
      // OpenRouter lets {"models": [...]} stand alone: the first one is the primary model
      model = body.path("models").path(0);
    }
    if (model.isMissingNode() || model.isNull()) {
      throw new ApiErrorException(
          ApiError.badRequest(
              "missing_required_parameter", "model", "Missing required parameter: 'model'."));
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      throw invalidType("model", "a non-empty string");
    }
    return model.asText();
  }

  private static void requireMessages(ObjectNode body) {
    JsonNode messages = body.get("messages");
    if (messages == null || messages.isNull()) {
      throw new ApiErrorException(
          ApiError.badRequest(
              "missing_required_parameter", "messages", "Missing required parameter: 'messages'."));
    }
    if (!messages.isArray()) {
      throw invalidType("messages", "an array");
    }
    if (messages.isEmpty()) {
      throw new ApiErrorException(
          ApiError.badRequest(
              "empty_array",
              "messages",
              "Invalid 'messages': empty array. Expected an array with minimum length 1."));
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw new ApiErrorException(
            ApiError.badRequest(
                "invalid_value",
                "messages[" + i + "]",
                "Invalid 'messages[" + i + "]': expected an object with a string 'role'."));
      }
    }
  }

  private static boolean optionalBoolean(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw invalidType(field, "a boolean");
    }
    return value.asBoolean();
  }

  private static ApiErrorException invalidType(String param, String expected) {
    return new ApiErrorException(
        ApiError.badRequest(
            "invalid_type", param, "Invalid type for '" + param + "': expected " + expected + "."));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
