package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.dialect.AnswerContext;

/**
 * Builds the Responses {@code response} object around the output: ids, status, and the request
 * settings the API echoes back (the OpenAI SDKs require {@code tools}, {@code tool_choice} and
 * {@code parallel_tool_calls}, among others).
 */
final class ResponseObject {
  private static final String GATEWAY_PREFIX = "chatcmpl-";

  private ResponseObject() {}

  /** Returns the part of a gateway request id that item ids are built from. */
  static String key(String requestId) {
    return requestId.startsWith(GATEWAY_PREFIX) ? requestId.substring(GATEWAY_PREFIX.length()) : requestId;
  }

  /** Returns the response id for a gateway request id. */
  static String id(String requestId) {
    return "resp_" + key(requestId);
  }

  /** Returns a response with an empty output, no usage, and {@code status}. */
  static ObjectNode shell(AnswerContext context, String status) {
    JsonNode request = context.request().origin().body();
    ObjectNode out = JsonCodec.object();
    out.put("id", id(context.id()));
    out.put("object", "response");
    out.put("created_at", context.created());
    out.put("status", status);
    out.put("background", false);
    out.putNull("error");
    out.putNull("incomplete_details");
    echo(request, "instructions", out);
    echo(request, "max_output_tokens", out);
    out.put("model", context.model());
    out.putArray("output");
    out.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
    out.putNull("previous_response_id");
    echo(request, "prompt_cache_key", out);
    ObjectNode reasoning = out.putObject("reasoning");
    reasoning.set("effort", request.path("reasoning").path("effort").isTextual()
        ? request.path("reasoning").get("effort") : JsonCodec.mapper().nullNode());
    reasoning.set("summary", request.path("reasoning").path("summary").isTextual()
        ? request.path("reasoning").get("summary") : JsonCodec.mapper().nullNode());
    echo(request, "safety_identifier", out);
    out.put("service_tier", "default");
    out.put("store", request.path("store").asBoolean(false)); // nothing is ever stored
    out.put("temperature", request.path("temperature").isNumber() ? request.get("temperature").asDouble() : 1.0);
    if (request.path("text").isObject()) {
      out.set("text", request.get("text"));
    } else {
      out.putObject("text").putObject("format").put("type", "text");
    }
    out.set("tool_choice", ResponsesRequestDecoder.present(request.get("tool_choice"))
        ? request.get("tool_choice") : JsonCodec.mapper().getNodeFactory().textNode("auto"));
    out.set("tools", request.path("tools").isArray() ? request.get("tools") : JsonCodec.mapper().createArrayNode());
    out.put("top_p", request.path("top_p").isNumber() ? request.get("top_p").asDouble() : 1.0);
    out.put("truncation", "disabled");
    out.putNull("usage");
    echo(request, "user", out);
    out.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : JsonCodec.object());
    return out;
  }

  /**
   * Sets the final status from the chat finish reason ({@code length} and {@code content_filter}
   * leave the response incomplete), the usage and the completion time.
   */
  static void finish(ObjectNode response, String finishReason, JsonNode chatUsage, long completedAt) {
    String incomplete =
        switch (finishReason == null ? "" : finishReason) {
          case "length" -> "max_output_tokens";
          case "content_filter" -> "content_filter";
          default -> null;
        };
    if (incomplete == null) {
      response.put("status", "completed");
    } else {
      response.put("status", "incomplete");
      response.putObject("incomplete_details").put("reason", incomplete);
    }
    response.put("completed_at", completedAt);
    response.set("usage", ResponsesUsage.of(chatUsage));
  }

  /** Marks {@code response} failed with {@code error}. */
  static void fail(ObjectNode response, ApiError error, JsonNode chatUsage) {
    response.put("status", "failed");
    response.putObject("error").put("code", errorCode(error)).put("message", error.message());
    if (chatUsage != null && chatUsage.isObject()) {
      response.set("usage", ResponsesUsage.of(chatUsage));
    }
  }

  /** Returns the Responses error code for a failure (the SDKs know a fixed set). */
  static String errorCode(ApiError error) {
    String type = error.type() == null ? "" : error.type();
    if (error.status() == 429 || type.startsWith("rate_limit") || "rate_limit_exceeded".equals(error.code())) {
      return "rate_limit_exceeded";
    }
    if (error.status() == 400 || "invalid_prompt".equals(error.code())) {
      return "invalid_prompt";
    }
    return "server_error";
  }

  private static void echo(JsonNode request, String field, ObjectNode out) {
    JsonNode value = request.get(field);
    out.set(field, value == null ? JsonCodec.mapper().nullNode() : value);
  }
}
