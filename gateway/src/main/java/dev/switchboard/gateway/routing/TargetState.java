package dev.switchboard.gateway.routing;

/**
 * Describes one target as routing sees it at one moment; a null statistic has not been measured.
 *
 * @param available whether an attempt may start now (closed breaker, or a probe is free)
 * @param readyAtNanos ticker time from which an attempt may start again
 * @param ttftMs moving average of time to first chunk of streamed answers
 * @param latencyMs moving average of whole successful attempts
 * @param tokensPerSecond moving average of output tokens per second of generation
 * @param inFlight attempts running now
 */
public record TargetState(
    BreakerState breaker,
    boolean available,
    long readyAtNanos,
    Double ttftMs,
    Double latencyMs,
    Double tokensPerSecond,
    int inFlight) {

  private static final TargetState FRESH =
      new TargetState(BreakerState.CLOSED, true, Long.MIN_VALUE, null, null, null, 0);

  /** Returns the state of a target nothing is known about yet. */
  public static TargetState fresh() {
    return FRESH;
  }

  /** Returns the latency routing compares: time to first chunk, else whole-attempt latency. */
  public Double responsiveness() {
    return ttftMs != null ? ttftMs : latencyMs;
  }
}
