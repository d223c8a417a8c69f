package dev.switchboard.gateway.routing;

import java.time.Duration;

/**
 * Reports how one finished attempt went, for the target's breaker and live stats.
 *
 * @param retryAfter the wait a rate-limited upstream named, or null
 * @param ttftNanos time to the first chunk of a stream, or null
 * @param completionTokens output tokens reported, or null
 */
record AttemptReport(
    Verdict verdict, Duration retryAfter, long latencyNanos, Long ttftNanos, Long completionTokens) {

  /** Says what an attempt means for the target's health. */
  enum Verdict {
    /** The target answered. */
    SUCCESS,
    /** The target failed in a way that counts against it (connect, 5xx, 429, timeout). */
    FAILURE,
    /** Says nothing about the target's health (client error, cancelled, not configured). */
    NEUTRAL
  }
}
