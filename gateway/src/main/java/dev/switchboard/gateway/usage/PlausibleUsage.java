package dev.switchboard.gateway.usage;

import dev.switchboard.telemetry.TokenUsage;

/**
 * Decides whether a provider's token counts can be recorded: each count must lie in 0..10^9 (no
 * model has a context within three orders of magnitude of that). One impossible count makes the
 * whole usage untrustworthy, so it is recorded as not reported rather than clamped: a clamped
 * 10^9 would still dominate every sum, average and cost it entered.
 */
final class PlausibleUsage {
  /** The largest count recorded as reported. */
  static final long MAX_TOKENS = 1_000_000_000L;

  private PlausibleUsage() {}

  /** Returns whether every reported count of {@code usage} lies in 0..{@link #MAX_TOKENS}. */
  static boolean isPlausible(TokenUsage usage) {
    return inRange(usage.promptTokens())
        && inRange(usage.completionTokens())
        && inRange(usage.reasoningTokens())
        && inRange(usage.cachedReadTokens())
        && inRange(usage.cacheWriteTokens());
  }

  private static boolean inRange(Long count) {
    return count == null || (count >= 0 && count <= MAX_TOKENS);
  }
}
