package dev.switchboard.gateway.provider.anthropic;

import static dev.switchboard.gateway.provider.anthropic.AnthropicJson.object;
import static dev.switchboard.gateway.provider.anthropic.AnthropicJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.openaicompat.OpenAiErrorParser;
import dev.switchboard.gateway.provider.openaicompat.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;

/**
 * Reads Anthropic's error envelope {@code {"type":"error","error":{"type","message"},"request_id"}}
 * into an {@link UpstreamError} in OpenAI terms (wire-formats §7), keeping the upstream message.
 * Bodies in any other shape (a proxy's HTML page, plain text) are read by {@link
 * OpenAiErrorParser}. Only the response is read: nothing from the request can leak.
 */
public final class AnthropicErrorParser {

  /** HTTP status Anthropic uses for {@code overloaded_error}; OpenAI clients know 503 instead. */
  private static final int OVERLOADED = 529;

  private AnthropicErrorParser() {}

  /** Parses an error response received now. */
  public static UpstreamError parse(int httpStatus, Buffer body, MultiMap headers) {
    return parse(httpStatus, body, headers, Instant.now());
  }

  /** Parses an error response, resolving an HTTP-date {@code retry-after} against {@code now}. */
  public static UpstreamError parse(int httpStatus, Buffer body, MultiMap headers, Instant now) {
    int status = httpStatus == OVERLOADED ? 503 : httpStatus;
    JsonNode error = envelope(body);
    if (error == null) {
      return OpenAiErrorParser.parse(status, body, headers, now);
    }
    return translate(status, error, RetryAfter.seconds(headers, now));
  }

  /**
   * Reads the {@code data} of a mid-stream {@code event: error}; its status is the one its type
   * implies (e.g. 503 for {@code overloaded_error}), as the HTTP status was already 200.
   */
  static UpstreamError inBand(JsonNode event) {
    JsonNode error = object(event, "error");
    if (error == null) {
      return new UpstreamError(502, "server_error", null, "The provider failed mid-stream.", null);
    }
    return translate(Kind.of(text(error, "type")).status, error, null);
  }

  private static UpstreamError translate(int status, JsonNode error, Integer retryAfter) {
    String nativeType = text(error, "type");
    Kind kind = Kind.of(nativeType);
    String message = text(error, "message");
    if (message == null || message.isBlank()) {
      message = "The provider returned " + (nativeType == null ? "an error" : nativeType) + ".";
    }
    message = clip(message.strip());
    if (kind == Kind.RATE_LIMIT && isSpendLimit(error)) {
      // the monthly spend cap: retrying cannot help
      // (https://platform.claude.com/docs/en/api/errors)
      return new UpstreamError(status, "insufficient_quota", "insufficient_quota", message, null);
    }
    String type = kind == Kind.UNKNOWN ? nativeType : kind.type;
    return new UpstreamError(status, type, kind.code, message, retryAfter);
  }

  private static boolean isSpendLimit(JsonNode error) {
    return "enforced_spend_limit_reached".equals(text(object(error, "details"), "error_code"));
  }

  private static JsonNode envelope(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      JsonNode json = JsonCodec.read(body);
      JsonNode error = object(json, "error");
      return error != null && text(error, "type") != null ? error : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static String clip(String message) {
    int max = OpenAiErrorParser.MAX_MESSAGE_CHARS;
    if (message.length() <= max) {
      return message;
    }
    int end = Character.isHighSurrogate(message.charAt(max - 1)) ? max - 1 : max;
    return message.substring(0, end) + "…";
  }

  /** Lists Anthropic error types with their OpenAI type, code and usual status. */
  private enum Kind {
    INVALID_REQUEST("invalid_request_error", "invalid_request_error", null, 400),
    AUTHENTICATION("authentication_error", "invalid_request_error", "invalid_api_key", 401),
    BILLING("billing_error", "insufficient_quota", "insufficient_quota", 402),
    PERMISSION("permission_error", "permission_error", null, 403),
    NOT_FOUND("not_found_error", "invalid_request_error", "model_not_found", 404),
    CONFLICT("conflict_error", "conflict_error", null, 409),
    TOO_LARGE("request_too_large", "invalid_request_error", "request_too_large", 413),
    RATE_LIMIT("rate_limit_error", "rate_limit_error", "rate_limit_exceeded", 429),
    API("api_error", "server_error", null, 500),
    TIMEOUT("timeout_error", "server_error", "timeout", 504),
    OVERLOADED("overloaded_error", "overloaded_error", "overloaded", 503),
    UNKNOWN(null, null, null, 502);

    private final String nativeType;
    private final String type;
    private final String code;
    private final int status;

    Kind(String nativeType, String type, String code, int status) {
      this.nativeType = nativeType;
      this.type = type;
      this.code = code;
      this.status = status;
    }

    static Kind of(String nativeType) {
      for (Kind kind : values()) {
        if (kind.nativeType != null && kind.nativeType.equals(nativeType)) {
          return kind;
        }
      }
      return UNKNOWN;
    }
  }
}
