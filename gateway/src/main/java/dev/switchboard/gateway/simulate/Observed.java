package dev.switchboard.gateway.simulate;

/**
 * Holds what the simulator saw of one answer: the HTTP status, whether it ended well, and the
 * usage the gateway reported (null when it reported none).
 *
 * @param status HTTP status; 0 when the request never got an answer
 * @param error the error type of a failed answer (from the body or the stream), else null
 * @param finishReason the finish reason of the (first) choice, else null
 * @param toolCalls tool calls in the answer
 */
public record Observed(
    int status,
    String error,
    String finishReason,
    int toolCalls,
    Long promptTokens,
    Long completionTokens,
    Long reasoningTokens,
    Double costUsd) {

  /** Returns whether the answer ended without an error. */
  public boolean ok() {
    return status == 200 && error == null;
  }

  /** Returns whether the gateway reported usage. */
  public boolean hasUsage() {
    return promptTokens != null && completionTokens != null;
  }

  /** Returns the observation of a request that got no HTTP answer at all. */
  static Observed noAnswer(String why) {
    return new Observed(0, why, null, 0, null, null, null, null);
  }
}
