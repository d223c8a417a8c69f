package dev.switchboard.gateway.provider.gemini;

import static dev.switchboard.gateway.provider.gemini.GeminiJson.object;
import static dev.switchboard.gateway.provider.gemini.GeminiJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a Gemini error, {@code {"error": {"code", "message", "status", "details": [...]}}}
 * (https://ai.google.dev/gemini-api/docs/troubleshooting), into an {@link UpstreamError}: the HTTP
 * status follows the Google RPC status, the type is an OpenAI-style one, the code is the Google
 * status, the message is Gemini's own, and {@code RetryInfo.retryDelay} becomes the retry hint.
 */
final class GeminiErrorMapper {

  /** The longest message kept from an upstream body. */
  static final int MAX_MESSAGE_CHARS = 2000;

  private GeminiErrorMapper() {}

  /** Reads an error response with HTTP status {@code httpStatus}. */
  static UpstreamError parse(int httpStatus, Buffer body, MultiMap headers) {
    String text = body == null ? "" : body.toString(StandardCharsets.UTF_8).strip();
    JsonNode json = readJson(text);
    if (json != null && json.isArray() && !json.isEmpty()) {
      json = json.get(0); // streamGenerateContent without alt=sse wraps everything in an array
    }
    JsonNode error = object(json, "error");
    if (error == null) {
      String message = text.isEmpty() || text.charAt(0) == '<'
          ? "Gemini answered HTTP " + httpStatus + " without an error body."
          : clip(text);
      return new UpstreamError(httpStatus, typeFor(httpStatus), null, message, headerRetry(headers));
    }
    UpstreamError parsed = fromError(httpStatus, error);
    Integer headerRetry = headerRetry(headers);
    if (parsed.retryAfterSeconds() != null || headerRetry == null) {
      return parsed;
    }
    return new UpstreamError(
        parsed.httpStatus(), parsed.type(), parsed.code(), parsed.message(), headerRetry);
  }

  /** Reads an error event inside an HTTP-200 stream; its status comes from the error body. */
  static UpstreamError inBand(JsonNode event) {
    JsonNode error = object(event, "error");
    return fromError(200, error == null ? GeminiJson.MAPPER.createObjectNode() : error);
  }

  private static UpstreamError fromError(int httpStatus, JsonNode error) {
    String status = text(error, "status");
    Integer mapped = status == null ? null : statusFor(status, error);
    int http = mapped != null ? mapped : httpStatus;
    JsonNode code = error.path("code");
    if (mapped == null && code.canConvertToInt() && isErrorStatus(code.asInt())) {
      http = code.asInt(); // an unknown status: trust the code Gemini put in the body
    }
    String message = text(error, "message");
    return new UpstreamError(
        http,
        typeFor(http),
        status,
        message == null || message.isBlank() ? "Gemini answered HTTP " + http + "." : clip(message),
        retryDelay(error));
  }

  private static Integer statusFor(String status, JsonNode error) {
    return switch (status) {
      case "INVALID_ARGUMENT" -> hasReason(error, "API_KEY_INVALID") ? 401 : 400;
      case "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
      case "UNAUTHENTICATED" -> 401;
      case "PERMISSION_DENIED" -> 403;
      case "NOT_FOUND" -> 404;
      case "ALREADY_EXISTS", "ABORTED" -> 409;
      case "RESOURCE_EXHAUSTED" -> 429;
      case "INTERNAL", "UNKNOWN", "DATA_LOSS" -> 500;
      case "UNIMPLEMENTED" -> 501;
      case "UNAVAILABLE" -> 503;
      case "DEADLINE_EXCEEDED" -> 504;
      default -> null;
    };
  }

  private static String typeFor(int http) {
    return switch (http) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 429 -> "rate_limit_error";
      default -> http >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  private static boolean hasReason(JsonNode error, String reason) {
    for (JsonNode detail : error.path("details")) {
      if (reason.equals(text(detail, "reason"))) {
        return true;
      }
    }
    return false;
  }

  /** Reads {@code google.rpc.RetryInfo.retryDelay}, a protobuf Duration such as "34.4s". */
  private static Integer retryDelay(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      String type = text(detail, "@type");
      String delay = text(detail, "retryDelay");
      if (type != null && type.endsWith("RetryInfo") && delay != null && delay.endsWith("s")) {
        try {
          return ceilSeconds(Double.parseDouble(delay.substring(0, delay.length() - 1)));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static Integer headerRetry(MultiMap headers) {
    String value = headers == null ? null : headers.get("retry-after");
    if (value == null) {
      return null;
    }
    try {
      return ceilSeconds(Double.parseDouble(value.trim()));
    } catch (NumberFormatException e) {
      return null; // Google sends the hint in the body; an HTTP-date here is not worth parsing
    }
  }

  private static Integer ceilSeconds(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return null;
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(seconds));
  }

  private static boolean isErrorStatus(int code) {
    return code >= 400 && code <= 599;
  }

  private static JsonNode readJson(String text) {
    if (text.isEmpty() || text.charAt(0) != '{' && text.charAt(0) != '[') {
      return null;
    }
    try {
      return GeminiJson.MAPPER.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  private static String clip(String message) {
    String stripped = message.strip();
    if (stripped.length() <= MAX_MESSAGE_CHARS) {
      return stripped;
    }
    int end = MAX_MESSAGE_CHARS;
    if (Character.isHighSurrogate(stripped.charAt(end - 1))) {
      end--;
    }
    return stripped.substring(0, end) + "…";
  }
}
