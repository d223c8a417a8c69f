package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Decodes a stateless OpenAI Responses request into the chat shape the pipeline routes: {@code
 * instructions} and system/developer messages become system messages, each run of assistant output
 * items ({@code reasoning}, assistant {@code message}, {@code function_call}) one assistant message
 * with its tool calls and {@code reasoning_details}, {@code function_call_output} items tool
 * messages; the request knobs are renamed to their chat counterparts. Field reference:
 * https://platform.openai.com/docs/api-reference/responses/create.
 */
final class ResponsesRequestDecoder {

  private ResponsesRequestDecoder() {}

  /**
   * Returns the chat body for {@code request}.
   *
   * @throws ApiErrorException (400, OpenAI's shape with {@code param}) naming the first problem
   */
  static ObjectNode decode(ObjectNode request) {
    refuseStoredState(request);
    ObjectNode chat = JsonCodec.object();
    JsonNode model = request.get("model");
    if (model == null || model.isNull()) {
      throw missing("model");
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      throw invalidType("model", "a non-empty string");
    }
    chat.put("model", model.asText());
    JsonNode stream = request.get("stream");
    if (stream != null && !stream.isNull()) {
      if (!stream.isBoolean()) {
        throw invalidType("stream", "a boolean");
      }
      chat.put("stream", stream.asBoolean());
    }
    ArrayNode messages = chat.putArray("messages");
    JsonNode instructions = request.get("instructions");
    if (instructions != null && instructions.isTextual() && !instructions.asText().isEmpty()) {
      messages.addObject().put("role", "system").put("content", instructions.asText());
    }
    InputItems.decode(request.get("input"), messages);
    if (messages.isEmpty()) {
      throw missing("input");
    }
    ResponsesTools.decode(request, chat);
    options(request, chat);
    return chat;
  }

  /**
   * Refuses what only a stateful server can do: Switchboard keeps no responses or conversations.
   */
  private static void refuseStoredState(ObjectNode request) {
    String param = null;
    if (present(request.get("previous_response_id"))) {
      param = "previous_response_id";
    } else if (present(request.get("conversation"))) {
      param = "conversation";
    }
    if (param != null) {
      throw new ApiErrorException(
          ApiError.badRequest(
              "unsupported_parameter",
              param,
              "Stored responses are not supported by this gateway: '"
                  + param
                  + "' cannot be used. Send the full conversation in 'input' with 'store': false."));
    }
  }

  /** Renames the sampling, limit, reasoning and output-format knobs. */
  private static void options(ObjectNode request, ObjectNode chat) {
    JsonNode maxOutput = request.get("max_output_tokens");
    if (present(maxOutput)) {
      if (!maxOutput.canConvertToLong() || maxOutput.asLong() < 1) {
        throw new ApiErrorException(
            ApiError.badRequest(
                "invalid_value",
                "max_output_tokens",
                "Invalid 'max_output_tokens': expected an integer of at least 1."));
      }
      chat.put("max_tokens", maxOutput.asLong());
    }
    copyNumber(request, "temperature", chat);
    copyNumber(request, "top_p", chat);
    JsonNode effort = request.path("reasoning").path("effort");
    if (effort.isTextual() && !effort.asText().isEmpty()) {
      chat.put("reasoning_effort", effort.asText());
    }
    format(request.path("text").path("format"), chat);
    JsonNode user = request.get("user");
    if (user == null || !user.isTextual()) {
      user = request.get("safety_identifier");
    }
    if (user != null && user.isTextual() && !user.asText().isEmpty()) {
      chat.put("user", user.asText());
    }
    JsonNode cacheKey = request.get("prompt_cache_key");
    if (cacheKey != null && cacheKey.isTextual() && !cacheKey.asText().isEmpty()) {
      chat.put("prompt_cache_key", cacheKey.asText());
    }
    // metadata, store and include are echoed in the answer but not sent on: chat upstreams would
    // store the completion (store), or refuse metadata without store; text.verbosity is OpenAI's
  }

  private static void format(JsonNode format, ObjectNode chat) {
    switch (format.path("type").asText("text")) {
      case "json_schema" -> {
        ObjectNode schema = chat.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", format.path("name").asText("response"));
        if (format.path("description").isTextual()) {
          schema.put("description", format.get("description").asText());
        }
        if (format.path("schema").isObject()) {
          schema.set("schema", format.get("schema"));
        }
        if (format.path("strict").isBoolean()) {
          schema.put("strict", format.get("strict").asBoolean());
        }
      }
      case "json_object" -> chat.putObject("response_format").put("type", "json_object");
      case "text" -> {
        // the default
      }
      default ->
          throw new ApiErrorException(
              ApiError.badRequest(
                  "invalid_value",
                  "text.format.type",
                  "Invalid 'text.format.type': expected 'text', 'json_object' or 'json_schema'."));
    }
  }

  private static void copyNumber(JsonNode from, String field, ObjectNode to) {
    JsonNode value = from.get(field);
    if (!present(value)) {
      return;
    }
    if (!value.isNumber()) {
      throw invalidType(field, "a number");
    }
    to.set(field, value);
  }

  static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  static ApiErrorException missing(String param) {
    return new ApiErrorException(
        ApiError.badRequest(
            "missing_required_parameter", param, "Missing required parameter: '" + param + "'."));
  }

  static ApiErrorException invalidType(String param, String expected) {
    return new ApiErrorException(
        ApiError.badRequest(
            "invalid_type", param, "Invalid type for '" + param + "': expected " + expected + "."));
  }

  static ApiErrorException invalidValue(String param, String message) {
    return new ApiErrorException(ApiError.badRequest("invalid_value", param, message));
  }
}
