package dev.switchboard.telemetry.stats;

/**
 * Names a sum or count an aggregate can compute per group. Token measures marked "by mode" follow
 * the query's {@link TokenMode}; the others are always native or always normalized. Unreported
 * counts add nothing to a sum.
 */
public enum Measure {
  REQUESTS,
  /** Requests with reported prompt or completion tokens (by mode): the denominator of lengths. */
  REPORTED_REQUESTS,
  /** Token volume T(r) = prompt + completion (by mode). */
  TOKENS,
  /** Prompt tokens (by mode). */
  PROMPT_TOKENS,
  /** Completion tokens, reasoning included (by mode). */
  COMPLETION_TOKENS,
  NATIVE_COMPLETION_TOKENS,
  REASONING_TOKENS,
  CACHED_READ_TOKENS,
  CACHE_WRITE_TOKENS,
  NORMALIZED_PROMPT_TOKENS,
  NORMALIZED_COMPLETION_TOKENS,
  /** Cost in USD of every request with a known cost. */
  COST_USD,
  /** Cost of the requests with cost &gt; 0 and T(r) &gt; 0: the numerator of effective price. */
  PRICED_COST_USD,
  /** T(r) of the same requests: the denominator of effective price. */
  PRICED_TOKENS,
  /** Requests that failed (any outcome but success and cancelled). */
  ERRORS,
  CANCELLED,
  STREAMED_REQUESTS,
  TOOLS_OFFERED_REQUESTS,
  /** Upstream attempts summed over requests. */
  ATTEMPTS,
  /** Requests that took more than one upstream attempt (retry or fallback). */
  RETRIED_REQUESTS,
  LATENCY_MS,
  TTFT_MS,
  /** Requests with a time to first token. */
  TTFT_REQUESTS,
  /** Distinct end users (the {@code user} field, else the API key, within each key); stores may count them by a 64-bit hash. */
  USERS
}
