package dev.switchboard.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Describes an error as OpenAI clients expect it: HTTP status plus {@code {"error": {message,
 * type, code, param}}}.
 */
public record ApiError(int status, String type, String code, String param, String message) {

  /** Returns a 400 invalid_request_error. */
  public static ApiError badRequest(String code, String param, String message) {
    return new ApiError(400, "invalid_request_error", code, param, message);
  }

  /** Returns the 404 OpenAI sends for a model it does not serve. */
  public static ApiError modelNotFound(String model) {
    return new ApiError(
        404,
        "invalid_request_error",
        "model_not_found",
        "model",
        "The model `" + model + "` does not exist or you do not have access to it.");
  }

  /** Returns the 413 for a body over the configured limit. */
  public static ApiError bodyTooLarge(long limitBytes) {
    return new ApiError(
        413,
        "invalid_request_error",
        "request_too_large",
        null,
        "Request body exceeds the limit of " + limitBytes + " bytes.");
  }

  /** Returns a 500 for a failure inside Switchboard. */
  public static ApiError internal(String message) {
    return new ApiError(500, "server_error", "internal_error", null, message);
  }

  /** Renders the OpenAI error envelope. */
  public ObjectNode toJson() {
    ObjectNode root = JsonCodec.object();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return root;
  }
}
