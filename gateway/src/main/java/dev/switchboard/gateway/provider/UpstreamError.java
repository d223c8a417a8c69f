package dev.switchboard.gateway.provider;

/**
 * Describes an error an upstream reported, stripped of anything from the request.
 *
 * @param httpStatus the HTTP status of the failure (for an error inside a 200 stream, the status
 *     the upstream put in the error body, else 200)
 * @param type the upstream's error type or category, or null
 * @param code the upstream's error code as text (integers are rendered in decimal), or null
 * @param message a human-readable message, never null
 * @param retryAfterSeconds how long the upstream asked us to wait, rounded up, or null
 */
public record UpstreamError(
    int httpStatus, String type, String code, String message, Integer retryAfterSeconds) {

  /**
   * The longest wait an upstream can ask for (one hour). A 429 cools its whole target down for
   * the wait and the client is told it too: one hostile {@code Retry-After} of a year must not
   * take a target out of service for a year.
   */
  public static final int MAX_RETRY_AFTER_SECONDS = 3600;

  /** Clamps the wait into 0..{@link #MAX_RETRY_AFTER_SECONDS}. */
  public UpstreamError {
    if (retryAfterSeconds != null) {
      retryAfterSeconds = Math.max(0, Math.min(MAX_RETRY_AFTER_SECONDS, retryAfterSeconds));
    }
  }
}
