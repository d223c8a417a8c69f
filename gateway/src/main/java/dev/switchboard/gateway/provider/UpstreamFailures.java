package dev.switchboard.gateway.provider;

import io.vertx.core.Future;

/**
 * Turns transport exceptions into {@link UpstreamFailure}s the client-facing layer can map; shared
 * by every adapter that talks HTTP.
 */
public final class UpstreamFailures {

  private UpstreamFailures() {}

  /** Classifies {@code cause}: already-classified failures pass through. */
  public static <T> Future<T> toUpstreamFailure(Throwable cause) {
    return Future.failedFuture(classify(cause));
  }

  /** Returns {@code cause} as a failure: timeouts, unreachable upstreams, or itself. */
  public static UpstreamFailure classify(Throwable cause) {
    if (cause instanceof UpstreamFailure failure) {
      return failure;
    }
    if (isConnectTimeout(cause)) {
      return new UpstreamFailure(
          UpstreamFailure.Kind.TIMEOUT,
          new UpstreamError(
              504, "timeout", "connect_timeout", "The provider did not accept a connection in time.", null));
    }
    if (isTimeout(cause)) {
      return new UpstreamFailure(
          UpstreamFailure.Kind.TIMEOUT,
          new UpstreamError(504, "timeout", "upstream_timeout", "The provider did not answer in time.", null));
    }
    return new UpstreamFailure(
        UpstreamFailure.Kind.UNREACHABLE,
        new UpstreamError(
            502,
            "upstream_error",
            "upstream_unreachable",
            "The provider could not be reached: " + describe(cause),
            null));
  }

  /** Returns the failure for a provider whose API key variable is not set. */
  public static UpstreamFailure missingKey(String providerId, String variable) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.UNREACHABLE,
        new UpstreamError(
            500,
            "server_error",
            "provider_not_configured",
            "Provider '" + providerId + "' has no API key: environment variable " + variable + " is not set.",
            null));
  }

  public static UpstreamFailure misconfigured(String providerId, String problem) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.UNREACHABLE,
        new UpstreamError(
            500,
            "server_error",
            "provider_not_configured",
            "Provider '" + providerId + "' is misconfigured: " + problem,
            null));
  }

  /** Reports an answer that is not a valid response of the provider's API. */
  public static UpstreamFailure badResponse(String message) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.BAD_RESPONSE,
        new UpstreamError(502, "upstream_error", "bad_response", message, null));
  }

  /**
   * Reports an upstream {@code what} (answer, stream event) that grew past {@code limitBytes}, the
   * value of config key {@code key}: cut off while read, recorded as an upstream error, and
   * retried on the next target like any bad answer.
   */
  public static UpstreamFailure tooLarge(String what, long limitBytes, String key) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.BAD_RESPONSE,
        new UpstreamError(
            502,
            "upstream_error",
            "upstream_too_large",
            "The provider's " + what + " exceeded the gateway's limit of " + limitBytes
                + " bytes (" + key + ") and was cut off.",
            null));
  }

  /**
   * Reports a request the provider cannot express, refused before it was sent: the client sees
   * the 400 and the record counts it as the client's error.
   */
  public static UpstreamFailure rejected(String code, String message) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.REJECTED,
        new UpstreamError(400, "invalid_request_error", code, message, null));
  }

  private static boolean isConnectTimeout(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      // Vert.x reports RequestOptions.connectTimeout only through its message ("The timeout of
      // N ms has been exceeded when getting a connection to host:port"); Netty has its own type
      if (t instanceof io.netty.channel.ConnectTimeoutException
          || (t.getMessage() != null && t.getMessage().contains("when getting a connection"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTimeout(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable cause) {
    // exception class names and messages carry host:port at most, never request headers
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
