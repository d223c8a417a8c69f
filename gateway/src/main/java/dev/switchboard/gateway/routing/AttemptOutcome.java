package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamFailure;

/**
 * Reports how one attempt ended.
 *
 * @param value the answer that reached the client; null when nothing did
 * @param failure what went wrong (with a value: the stream failed after it had started)
 * @param errorType the recorded error type; null for a clean success
 * @param status the upstream HTTP status, or null when none arrived
 * @param firstChunkNanos ticker time of a stream's first chunk, or null
 * @param summary what was measured from the answer, or null
 */
record AttemptOutcome<T>(
    T value,
    UpstreamFailure failure,
    String errorType,
    Integer status,
    Long firstChunkNanos,
    ResponseSummary summary) {

  static <T> AttemptOutcome<T> served(
      T value, ResponseSummary summary, Long firstChunkNanos, UpstreamFailure lateFailure, String errorType) {
    return new AttemptOutcome<>(value, lateFailure, errorType, 200, firstChunkNanos, summary);
  }

  static <T> AttemptOutcome<T> failed(UpstreamFailure failure, String errorType, Integer status) {
    return new AttemptOutcome<>(null, failure, errorType, status, null, null);
  }

  static <T> AttemptOutcome<T> failed(UpstreamFailure failure) {
    return failed(failure, FailureClass.label(failure), FailureClass.status(failure));
  }

  /** Returns whether the answer reached the client (so no other target may be tried). */
  boolean delivered() {
    return value != null;
  }
}
