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
    int httpStatus, String type, String code, String message, Integer retryAfterSeconds) {}
