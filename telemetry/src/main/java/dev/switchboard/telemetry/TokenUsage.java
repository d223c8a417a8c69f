package dev.switchboard.telemetry;

/**
 * Holds the token counts a provider reported for one request; a null count was not reported
 * (which is not the same as zero).
 *
 * @param promptTokens every input token billed: uncached + cache reads + cache writes
 * @param completionTokens every output token billed, reasoning included
 * @param reasoningTokens reasoning/thinking tokens, when the provider reports them
 * @param cachedReadTokens input tokens served from cache
 * @param cacheWriteTokens input tokens written to cache
 */
public record TokenUsage(
    Long promptTokens,
    Long completionTokens,
    Long reasoningTokens,
    Long cachedReadTokens,
    Long cacheWriteTokens) {

  private static final TokenUsage UNKNOWN = new TokenUsage(null, null, null, null, null);

  /** Returns a usage where nothing was reported. */
  public static TokenUsage unknown() {
    return UNKNOWN;
  }

  /** Returns whether the provider reported prompt or completion counts. */
  public boolean isReported() {
    return promptTokens != null || completionTokens != null;
  }

  /** Returns prompt + completion, or null when neither was reported. */
  public Long totalTokens() {
    if (!isReported()) {
      return null;
    }
    return (promptTokens == null ? 0 : promptTokens) + (completionTokens == null ? 0 : completionTokens);
  }
}
