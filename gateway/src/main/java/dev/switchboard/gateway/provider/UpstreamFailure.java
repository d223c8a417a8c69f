package dev.switchboard.gateway.provider;

/** Signals that an upstream attempt failed, and how. */
public final class UpstreamFailure extends RuntimeException {

  /** Distinguishes failures the client sees with different statuses. */
  public enum Kind {
    /** The upstream answered with an error status. */
    HTTP_ERROR,
    /** The upstream could not be reached (connect refused, DNS, TLS, reset before answering). */
    UNREACHABLE,
    /** The upstream did not answer in time. */
    TIMEOUT,
    /** The upstream answered something that is not a valid response. */
    BAD_RESPONSE,
    /**
     * The adapter refused to call the upstream because it cannot serve the request as asked (e.g.
     * a parameter the provider does not support); the client's request is at fault.
     */
    REJECTED
  }

  private final Kind kind;
  private final UpstreamError error;

  public UpstreamFailure(Kind kind, UpstreamError error) {
    super(error.message(), null, false, false);
    this.kind = kind;
    this.error = error;
  }

  public Kind kind() {
    return kind;
  }

  public UpstreamError error() {
    return error;
  }
}
