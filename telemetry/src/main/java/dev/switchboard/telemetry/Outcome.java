package dev.switchboard.telemetry;

/** Classifies how a request ended, from the gateway's point of view. */
public enum Outcome {
  /** The upstream answered and the answer reached the client. */
  SUCCESS,
  /** The client's request was refused before or by routing (bad JSON, unknown model, too large). */
  CLIENT_ERROR,
  /** The upstream answered with an error, or failed mid-stream. */
  UPSTREAM_ERROR,
  /** The upstream could not be reached or did not answer in time. */
  UPSTREAM_UNAVAILABLE,
  /** The client went away before the answer was complete. */
  CANCELLED,
  /** Switchboard itself failed. */
  GATEWAY_ERROR;

  // computed once: the usage writer asks for it on every stored record
  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  /** Returns the lowercase name used in storage and metrics. */
  public String label() {
    return label;
  }
}
