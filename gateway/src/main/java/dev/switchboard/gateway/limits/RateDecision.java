package dev.switchboard.gateway.limits;

import java.time.Duration;

/**
 * Answers one rate-limit check: whether the request may go, and the state of each limit set.
 *
 * @param requests state of the requests-per-minute limit, or null when unlimited
 * @param tokens state of the tokens-per-minute limit, or null when unlimited
 * @param refusedOn the limit that refused the request, or null when allowed
 * @param requestedTokens the tokens the check asked for (the up-front estimate)
 * @param retryAfter how long until the same request would fit; null when allowed
 */
public record RateDecision(
    LimitState requests,
    LimitState tokens,
    Dimension refusedOn,
    long requestedTokens,
    Duration retryAfter) {

  /** Names the two limited quantities; the lower-case name is OpenAI's error type. */
  public enum Dimension {
    REQUESTS,
    TOKENS
  }

  /** Returns the decision for a bucket without limits. */
  public static RateDecision unlimited(long tokens) {
    return new RateDecision(null, null, null, tokens, null);
  }

  public boolean allowed() {
    return refusedOn == null;
  }
}
