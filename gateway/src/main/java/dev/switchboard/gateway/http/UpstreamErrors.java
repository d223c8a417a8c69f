package dev.switchboard.gateway.http;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.telemetry.Outcome;

/** Maps upstream failures to the status and error the client sees, and the outcome recorded. */
final class UpstreamErrors {

  private UpstreamErrors() {}

  /** Returns the client-facing error for {@code failure}, keeping the upstream's own message. */
  static ApiError toApiError(UpstreamFailure failure) {
    UpstreamError error = failure.error();
    int status =
        switch (failure.kind()) {
          case HTTP_ERROR -> clientStatus(error.httpStatus());
          case TIMEOUT -> 504;
          case UNREACHABLE -> error.httpStatus() >= 500 ? error.httpStatus() : 502;
          case BAD_RESPONSE -> 502;
          case REJECTED -> error.httpStatus();
        };
    String type = error.type() != null ? error.type() : defaultType(status);
    String message = error.message() != null && !error.message().isBlank()
        ? error.message()
        : "The provider answered with HTTP " + error.httpStatus() + ".";
    return new ApiError(status, type, error.code(), null, message);
  }

  /** Returns the outcome recorded for {@code failure}. */
  static Outcome outcome(UpstreamFailure failure) {
    return switch (failure.kind()) {
      case HTTP_ERROR, BAD_RESPONSE -> Outcome.UPSTREAM_ERROR;
      case REJECTED -> Outcome.CLIENT_ERROR;
      // 500/501 here mean Switchboard could not call the provider at all (no key, no adapter)
      case TIMEOUT, UNREACHABLE -> failure.error().httpStatus() == 500 || failure.error().httpStatus() == 501
          ? Outcome.GATEWAY_ERROR
          : Outcome.UPSTREAM_UNAVAILABLE;
    };
  }

  private static int clientStatus(int upstreamStatus) {
    // pass 4xx/5xx through as-is (clients key retries on them); anything odd becomes a 502
    return upstreamStatus >= 400 && upstreamStatus <= 599 ? upstreamStatus : 502;
  }

  private static String defaultType(int status) {
    if (status == 401) {
      return "authentication_error";
    }
    if (status == 429) {
      return "rate_limit_error";
    }
    return status >= 500 ? "server_error" : "invalid_request_error";
  }
}
