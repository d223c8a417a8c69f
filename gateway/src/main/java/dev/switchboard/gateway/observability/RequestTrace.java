package dev.switchboard.gateway.observability;

import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.telemetry.UsageRecord;

/**
 * Traces one request through the gateway: its SERVER span, and a CLIENT span per upstream attempt.
 * {@link #NONE} (tracing off) does nothing and allocates nothing.
 */
public interface RequestTrace {

  /** The trace of a request that is not traced. */
  RequestTrace NONE = new RequestTrace() {};

  /** Notes the parsed request and the route it resolved to (no prompt text is kept). */
  default void request(ChatRequest request, String route) {}

  /** Starts the CLIENT span of upstream attempt {@code number} (1-based) on {@code target}. */
  default AttemptTrace attempt(ResolvedTarget target, int number) {
    return AttemptTrace.NONE;
  }

  /**
   * Ends the SERVER span with what the record says; {@code durationNanos} is how long the request
   * took from arrival to its last byte. Thread-safe: called off the event loop.
   */
  default void finish(UsageRecord record, long durationNanos) {}
}
