package dev.switchboard.gateway.limits;

/**
 * Holds the per-minute limits of one bucket; a null limit is unlimited.
 *
 * @param requestsPerMinute requests per minute (rpm)
 * @param tokensPerMinute prompt + completion tokens per minute (tpm)
 */
public record RateLimits(Integer requestsPerMinute, Long tokensPerMinute) {

  /** Returns whether neither limit is set. */
  public boolean unlimited() {
    return requestsPerMinute == null && tokensPerMinute == null;
  }
}
