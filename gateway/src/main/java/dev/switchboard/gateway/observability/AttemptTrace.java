package dev.switchboard.gateway.observability;

import dev.switchboard.gateway.provider.ResponseSummary;

/** Traces one upstream attempt; {@link #NONE} (tracing off) does nothing. */
public interface AttemptTrace {

  /** The trace of an attempt that is not traced. */
  AttemptTrace NONE = new AttemptTrace() {};

  /** Returns the W3C {@code traceparent} to send upstream, or null when not traced. */
  default String traceparent() {
    return null;
  }

  /**
   * Ends the span: {@code status} is the upstream's HTTP status (null when none came), {@code
   * errorType} the recorded error (null on success), {@code outcome} how routing took it ({@code
   * success}, {@code retry}, {@code next_target}, {@code fatal}, {@code cancelled}); {@code summary}
   * is what was measured of the answer, or null.
   */
  default void end(Integer status, String errorType, String outcome, ResponseSummary summary) {}
}
