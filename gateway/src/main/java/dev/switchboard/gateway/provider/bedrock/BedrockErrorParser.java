package dev.switchboard.gateway.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.openaicompat.OpenAiErrorParser;
import dev.switchboard.gateway.provider.openaicompat.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;

/**
 * Reads Bedrock's errors into {@link UpstreamError}s in OpenAI terms: the exception name from the
 * {@code x-amzn-ErrorType} header (or a {@code __type} field), the text from {@code message}
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors).
 * The same names arrive inside a stream as {@code :exception-type} headers.
 */
final class BedrockErrorParser {
  private static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

  private BedrockErrorParser() {}

  /** Parses an error response. */
  static UpstreamError parse(int status, Buffer body, MultiMap headers, Instant now) {
    JsonNode json = null;
    try {
      json = body == null || body.length() == 0 ? null : JsonCodec.read(body);
    } catch (Exception e) {
      // a proxy's HTML page: read below as text
    }
    String name = headers.get(ERROR_TYPE_HEADER);
    if (name == null && json != null) {
      name = json.path("__type").asText(null);
    }
    String message = json == null ? null : json.path("message").asText(json.path("Message").asText(null));
    if (name == null && message == null) {
      return OpenAiErrorParser.parse(status, body, headers, now);
    }
    return translate(status, exceptionName(name), message, RetryAfter.seconds(headers, now));
  }

  /** Reads an exception that arrived as an event of a 200 stream. */
  static UpstreamError inBand(String exceptionType, byte[] payload) {
    String message = null;
    try {
      message = JsonCodec.mapper().readTree(payload).path("message").asText(null);
    } catch (Exception e) {
      // no readable message: the exception name says enough
    }
    Kind kind = Kind.of(exceptionName(exceptionType));
    return translate(kind.status, exceptionName(exceptionType), message, null);
  }

  private static UpstreamError translate(int status, String name, String message, Integer retryAfter) {
    Kind kind = Kind.of(name);
    String text = message == null || message.isBlank() ? "Bedrock returned " + name + "." : message.strip();
    if (text.length() > OpenAiErrorParser.MAX_MESSAGE_CHARS) {
      text = text.substring(0, OpenAiErrorParser.MAX_MESSAGE_CHARS) + "…";
    }
    return new UpstreamError(
        kind == Kind.UNKNOWN ? status : kind.statusFor(status), kind.type(name), kind.code, text, retryAfter);
  }

  /** Returns {@code ThrottlingException} of {@code ThrottlingException:http://internal...}. */
  private static String exceptionName(String raw) {
    if (raw == null) {
      return "UnknownError";
    }
    int colon = raw.indexOf(':');
    String name = colon < 0 ? raw : raw.substring(0, colon);
    int hash = name.lastIndexOf('#');
    name = hash < 0 ? name : name.substring(hash + 1);
    // stream exceptions are camelCase (throttlingException); responses are PascalCase
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** Lists Bedrock's exceptions with their OpenAI type, code and usual status. */
  private enum Kind {
    VALIDATION("ValidationException", "invalid_request_error", null, 400),
    ACCESS_DENIED("AccessDeniedException", "permission_error", null, 403),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", "invalid_request_error", "invalid_api_key", 401),
    BAD_SIGNATURE("InvalidSignatureException", "invalid_request_error", "invalid_api_key", 401),
    EXPIRED_TOKEN("ExpiredTokenException", "invalid_request_error", "invalid_api_key", 401),
    NOT_FOUND("ResourceNotFoundException", "invalid_request_error", "model_not_found", 404),
    THROTTLING("ThrottlingException", "rate_limit_error", "rate_limit_exceeded", 429),
    QUOTA("ServiceQuotaExceededException", "rate_limit_error", "rate_limit_exceeded", 429),
    MODEL_NOT_READY("ModelNotReadyException", "server_error", "model_not_ready", 503),
    MODEL_TIMEOUT("ModelTimeoutException", "server_error", "timeout", 504),
    MODEL_ERROR("ModelErrorException", "server_error", null, 502),
    MODEL_STREAM_ERROR("ModelStreamErrorException", "server_error", null, 502),
    INTERNAL("InternalServerException", "server_error", null, 500),
    UNAVAILABLE("ServiceUnavailableException", "overloaded_error", "overloaded", 503),
    UNKNOWN(null, null, null, 502);

    private final String name;
    private final String type;
    private final String code;
    private final int status;

    Kind(String name, String type, String code, int status) {
      this.name = name;
      this.type = type;
      this.code = code;
      this.status = status;
    }

    String type(String nativeName) {
      return this == UNKNOWN ? nativeName : type;
    }

    /** Keeps the response's own status, except for bad credentials, which AWS sends as 403. */
    int statusFor(int httpStatus) {
      return this == UNRECOGNIZED_CLIENT || this == BAD_SIGNATURE || this == EXPIRED_TOKEN
          ? 401
          : httpStatus >= 400 ? httpStatus : status;
    }

    static Kind of(String name) {
      for (Kind kind : values()) {
        if (kind.name != null && kind.name.equals(name)) {
          return kind;
        }
      }
      return UNKNOWN;
    }
  }
}
