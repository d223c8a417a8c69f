package dev.switchboard.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Names the ingress API a request came in on, and renders errors the way that API's clients
 * expect them: OpenAI's envelope for chat completions and Responses, Anthropic's for Messages.
 */
public enum Dialect {
  CHAT("chat"),
  MESSAGES("messages"),
  RESPONSES("responses"),
  /** OpenAI's embeddings API ({@code POST /v1/embeddings}): no chat, but routed and recorded alike. */
  EMBEDDINGS("embeddings");

  private final String wireName;

  Dialect(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the name recorded on usage records and used as a stats dimension value. */
  public String wireName() {
    return wireName;
  }

  /** Returns the dialect a request path belongs to: Anthropic's for {@code /v1/messages...}. */
  public static Dialect ofPath(String path) {
    if (path == null) {
      return CHAT;
    }
    if (path.startsWith("/v1/messages")) {
      return MESSAGES;
    }
    if (path.startsWith("/v1/responses")) {
      return RESPONSES;
    }
    if (path.startsWith("/v1/embeddings")) {
      return EMBEDDINGS;
    }
    return CHAT;
  }

  /** Returns the HTTP status {@code error} is sent with in this dialect. */
  public int status(ApiError error) {
    if (this == MESSAGES && isOverload(error)) {
      return 529; // Anthropic's overloaded_error; its SDKs retry it like a 503
    }
    return error.status();
  }

  /** Returns the error body: {@code {"type":"error","error":{type,message}}} for Messages. */
  public ObjectNode errorBody(ApiError error) {
    if (this != MESSAGES) {
      return error.toJson();
    }
    ObjectNode root = JsonCodec.object();
    root.put("type", "error");
    ObjectNode body = root.putObject("error");
    body.put("type", anthropicType(error));
    body.put("message", error.message());
    return root;
  }

  private static boolean isOverload(ApiError error) {
    return error.status() == 529
        || (error.status() == 503 && "overloaded_error".equals(error.type()))
        || "overloaded".equals(error.code());
  }

  /** Maps a status to Anthropic's error types (https://docs.claude.com/en/api/errors). */
  private static String anthropicType(ApiError error) {
    if (isOverload(error)) {
      return "overloaded_error";
    }
    return switch (error.status()) {
      case 400, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 504 -> "timeout_error";
      default -> error.status() >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}
