package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamFailure;

/**
 * Reports how a relayed stream went.
 *
 * @param relayed whether any chunk reached the client
 * @param end how the stream ended (a relayed stream may still have failed midway)
 * @param failure why an unrelayed stream is unusable; null when relayed
 * @param errorType the attempt's error type when unrelayed ({@code stream_error}, ...)
 */
public record StreamOutcome(
    boolean relayed, StreamEnd end, UpstreamFailure failure, String errorType) {
  /** The error type of a stream whose first event was an error. */
  public static final String STREAM_ERROR = "stream_error";
  /** The error type of a stream that ended without any chunk. */
  public static final String EMPTY_STREAM = "empty_stream";

  /** Returns the outcome of a stream the client saw. */
  public static StreamOutcome relayed(StreamEnd end) {
    return new StreamOutcome(true, end, null, null);
  }

  /** Returns the outcome of a stream that ended before anything reached the client. */
  public static StreamOutcome notRelayed(StreamEnd end, UpstreamFailure failure, String errorType) {
    return new StreamOutcome(false, end, failure, errorType);
  }
}
