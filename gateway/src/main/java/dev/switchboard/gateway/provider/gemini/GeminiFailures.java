package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;

/** Builds the {@link UpstreamFailure}s the Gemini adapter reports besides Gemini's own errors. */
final class GeminiFailures {

  private GeminiFailures() {}

  /** Classifies a transport exception: already-classified failures pass through. */
  static UpstreamFailure classify(Throwable cause) {
    if (cause instanceof UpstreamFailure failure) {
      return failure;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains("Timeout")) {
        return new UpstreamFailure(
            UpstreamFailure.Kind.TIMEOUT,
            new UpstreamError(
                504, "timeout", "upstream_timeout", "Gemini did not answer in time.", null));
      }
    }
    // exception messages carry host:port at most, never request headers (the key is a header)
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    String message = "Gemini could not be reached: " + detail;
    return new UpstreamFailure(
        UpstreamFailure.Kind.UNREACHABLE,
        new UpstreamError(502, "upstream_error", "upstream_unreachable", message, null));
  }

  /** Reports an answer that is not a valid Gemini response. */
  static UpstreamFailure badResponse(String message) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.BAD_RESPONSE,
        new UpstreamError(502, "upstream_error", "bad_response", message, null));
  }

  /** Reports a provider whose key variable is not set. */
  static UpstreamFailure missingKey(String providerId, String variable) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.UNREACHABLE,
        new UpstreamError(
            500,
            "server_error",
            "provider_not_configured",
            "Provider '" + providerId + "' has no API key: environment variable " + variable
                + " is not set.",
            null));
  }

  /**
   * Reports a request Gemini cannot express, as a 400 for the client. It never reached Gemini;
   * HTTP_ERROR is the kind whose status the client sees unchanged.
   */
  static UpstreamFailure untranslatable(UntranslatableRequestException e) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.HTTP_ERROR,
        new UpstreamError(
            400, "invalid_request_error", "unsupported_by_provider", e.getMessage(), null));
  }
}
