package dev.switchboard.gateway.provider.openaicompat;

import static dev.switchboard.gateway.provider.openaicompat.WireJson.count;
import static dev.switchboard.gateway.provider.openaicompat.WireJson.object;
import static dev.switchboard.gateway.provider.openaicompat.WireJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.UpstreamError;

/**
 * Reads MiniMax's {@code base_resp: {status_code, status_msg}}, which reports a failure with HTTP
 * 200 when {@code status_code != 0} (wire-formats §5). Codes from
 * https://platform.minimax.io/docs/api-reference/errorcode, mapped to the HTTP status an OpenAI
 * client expects.
 */
final class BaseRespError {

  private BaseRespError() {}

  /** Returns the error {@code body} reports in {@code base_resp}, or null when it reports none. */
  static UpstreamError in(JsonNode body) {
    JsonNode baseResp = object(body, "base_resp");
    Long code = count(baseResp, "status_code");
    if (code == null || code == 0) {
      return null;
    }
    String message = text(baseResp, "status_msg");
    if (message == null || message.isBlank()) {
      message = "The provider reported error " + code + ".";
    }
    int status = httpStatus(code);
    return new UpstreamError(status, type(status), String.valueOf(code), message, null);
  }

  private static int httpStatus(long code) {
    return switch ((int) code) {
      case 1001 -> 504; // request timeout
      case 1002, 1039 -> 429; // rate limit, token limit
      case 1004, 2049 -> 401; // not authorized, invalid API key
      case 1008 -> 402; // insufficient balance
      case 1026, 1027, 2013 -> 400; // sensitive input/output, invalid parameters
      case 1000, 1013 -> 500; // unknown error, internal service error
      default -> 502;
    };
  }

  private static String type(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 402 -> "insufficient_quota";
      case 429 -> "rate_limit_error";
      case 400 -> "invalid_request_error";
      default -> "server_error";
    };
  }
}
